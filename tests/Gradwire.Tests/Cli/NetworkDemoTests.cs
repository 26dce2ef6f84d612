using System.Text.Json.Nodes;

namespace Gradwire.Tests.Cli;

/// <summary>The tensor demos (mlp-xor, mlp-7seg, spiral, regression) and the training benchmarks' contracts.</summary>
public sealed class NetworkDemoTests
{
    private static JsonObject Run(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsObject();
    }

    [Fact]
    public void Mlp_xor_learns_all_four_cases()
    {
        var json = Run("demo", "mlp-xor", "--json");
        Assert.Equal(1.0, json["accuracy"]!.GetValue<double>());
        Assert.True(json["final_loss"]!.GetValue<double>() < 1e-4);
        Assert.True(json["outputs"]!["x01"]!.GetValue<double>() > 0.9);
    }

    [Fact]
    public void Mlp_7seg_reads_every_digit_and_its_code()
    {
        var json = Run("demo", "mlp-7seg", "--json");
        Assert.Equal(1.0, json["digit"]!["accuracy"]!.GetValue<double>());
        Assert.Equal(40, json["code"]!["bits_right"]!.GetValue<long>());
        Assert.Equal("0101", json["digits"]!["d5"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void Spiral_net_reaches_98_percent_where_the_linear_model_cannot()
    {
        var json = Run("demo", "spiral", "--json");
        Assert.True(json["net"]!["accuracy"]!.GetValue<double>() >= 0.98);
        Assert.InRange(json["linear"]!["accuracy"]!.GetValue<double>(), 0.4, 0.6);
    }

    [Fact]
    public void Regression_fits_the_sine_between_the_training_points()
    {
        var json = Run("demo", "regression", "--json");
        Assert.True(json["interpolation_mse"]!.GetValue<double>() < 1e-3);
        Assert.Equal(6, json["samples"]!.AsArray().Count);
    }

    [Fact]
    public void Bench_xor_prints_us_per_step_and_a_converged_loss()
    {
        var json = Run("bench", "xor", "--json");
        Assert.True(json["us_per_step"]!.GetValue<double>() > 0);
        Assert.True(json["final_loss"]!.GetValue<double>() < 1e-6);
    }

    [Fact]
    public void Bench_mlp_rejects_bad_options_and_a_missing_data_directory()
    {
        Assert.Equal(2, CliRunner.Run("bench", "mlp", "--threads", "0").ExitCode);
        var missing = CliRunner.Run("bench", "mlp", "--data-dir", "/nonexistent-dir", "--epochs", "1");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("fashion-mnist", missing.Error, StringComparison.OrdinalIgnoreCase);
    }
}
