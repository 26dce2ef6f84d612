using System.Text.Json;

namespace Gradwire.Tests.Cli.Bench;

/// <summary><c>gradwire bench matmul</c> and <c>gradwire bench peak</c>: the JSON contract and usage errors.</summary>
public sealed class MatMulBenchTests
{
    [Fact]
    public void Matmul_json_has_the_contract_fields_with_a_positive_rate()
    {
        var result = CliRunner.Run("bench", "matmul", "--n", "8", "--threads", "1", "--dtype", "f64", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("matmul", root.GetProperty("kernel").GetString());
        Assert.Equal(8, root.GetProperty("n").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal("f64", root.GetProperty("dtype").GetString());
        Assert.True(root.GetProperty("gflops").GetDouble() > 0);
    }

    [Fact]
    public void Matmul_text_mode_prints_one_readable_line()
    {
        var result = CliRunner.Run("bench", "matmul", "--n", "4", "--threads", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("matmul f32 n=4 threads=1: ", result.Out);
        Assert.Contains("GFLOP/s", result.Out);
    }

    [Theory]
    [InlineData("--dtype", "f16", "--dtype must be f32 or f64, got 'f16'")]
    [InlineData("--n", "0", "--n must be at least 1, got 0")]
    [InlineData("--threads", "-1", "--threads must be at least 1, got -1")]
    public void Matmul_bad_options_are_usage_errors_that_say_what_is_wrong(string option, string value, string message)
    {
        var result = CliRunner.Run("bench", "matmul", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Peak_json_reports_a_positive_rate_for_the_threads_asked()
    {
        var result = CliRunner.Run("bench", "peak", "--threads", "1", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("peak", json.RootElement.GetProperty("kernel").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("threads").GetInt32());
        Assert.True(json.RootElement.GetProperty("gflops").GetDouble() > 0);
    }
}
