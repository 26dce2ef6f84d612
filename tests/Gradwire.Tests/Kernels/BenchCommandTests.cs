using System.Text.Json;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Kernels;

public sealed class BenchCommandTests
{
    [Theory]
    [InlineData("add")]
    [InlineData("softmax")]
    public void Bench_prints_one_json_object_with_the_contract_fields(string kernel)
    {
        var result = CliRunner.Run("bench", kernel, "--n", "4096", "--threads", "1", "--dtype", "f64", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(kernel, root.GetProperty("kernel").GetString());
        Assert.Equal(4096, root.GetProperty("n").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal("f64", root.GetProperty("dtype").GetString());
        Assert.True(root.GetProperty("gflops").GetDouble() > 0);
        Assert.True(root.GetProperty("us_per_call").GetDouble() > 0);
        Assert.True(root.GetProperty("gbps").GetDouble() > 0);
    }

    [Fact]
    public void Bad_bench_options_are_usage_errors()
    {
        var result = CliRunner.Run("bench", "add", "--dtype", "f16");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--dtype must be f32 or f64, got 'f16'", result.Error);
        Assert.Equal(2, CliRunner.Run("bench", "softmax", "--n", "100", "--cols", "7").ExitCode);
    }

    [Fact]
    public void Tiny_step_bench_reports_microseconds_per_step()
    {
        var result = CliRunner.Run("bench", "tiny-step", "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("us_per_call").GetDouble() > 0);
    }
}
