using System.Text.Json.Nodes;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Bench;

public sealed class MoonsBenchTests
{
    [Fact]
    public void Json_has_the_contract_fields()
    {
        var result = CliRunner.Run("bench", "moons", "--steps", "3", "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Out)!.AsObject();
        Assert.True(json["ms_per_step"]!.GetValue<double>() > 0);
        Assert.InRange(json["final_accuracy"]!.GetValue<double>(), 0.0, 1.0);
        Assert.Equal(337, json["parameters"]!.GetValue<int>());
        Assert.Equal(3, json["steps"]!.GetValue<int>());
        Assert.True(double.IsFinite(json["final_loss"]!.GetValue<double>()));
    }

    [Fact]
    public void The_loss_and_accuracy_are_the_same_for_the_same_seed()
    {
        var first = JsonNode.Parse(CliRunner.Run("bench", "moons", "--steps", "20", "--json").Out)!;
        var second = JsonNode.Parse(CliRunner.Run("bench", "moons", "--steps", "20", "--json").Out)!;

        Assert.Equal(first["final_loss"]!.GetValue<double>(), second["final_loss"]!.GetValue<double>());
        Assert.Equal(first["final_accuracy"]!.GetValue<double>(), second["final_accuracy"]!.GetValue<double>());
    }

    [Fact]
    public void Text_mode_is_a_short_summary()
    {
        var result = CliRunner.Run("bench", "moons", "--steps", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ms per step", result.Out);
        Assert.Contains("training accuracy", result.Out);
    }

    [Fact]
    public void Zero_steps_is_a_usage_error()
    {
        var result = CliRunner.Run("bench", "moons", "--steps", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--steps", result.Error);
    }

    [Fact]
    public void The_default_run_separates_the_moons_as_micrograds_demo_does()
    {
        // micrograd's demo reaches 100 % after its 100 steps; the schedule decays over the run.
        var json = JsonNode.Parse(CliRunner.Run("bench", "moons", "--json").Out)!;

        Assert.True(json["final_accuracy"]!.GetValue<double>() >= 0.95, json.ToJsonString());
        Assert.Equal(100, json["steps"]!.GetValue<int>());
    }
}
