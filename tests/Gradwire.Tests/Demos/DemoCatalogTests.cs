using System.Text.Json.Nodes;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Demos;

public sealed class DemoCatalogTests
{
    private static readonly string[] Expected =
    [
        "single-gate", "circuit", "neuron", "ninja", "svm", "svm-net", "svm-cost", "optimize-add", "optimize-sum",
        "solve-xy", "solve-mat-xy", "perceptron", "neuron-learn", "solve-learn-xy",
    ];

    [Fact]
    public void List_shows_every_demo_in_the_guide_order()
    {
        var result = CliRunner.Run("demo", "--list");

        Assert.Equal(0, result.ExitCode);
        var names = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
        var positions = Expected.Select(n => names.IndexOf(n)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    [Fact]
    public void All_as_json_is_one_object_with_every_demo()
    {
        var result = CliRunner.Run("demo", "all", "--json");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        var all = JsonNode.Parse(lines[0])!.AsObject();
        foreach (var name in Expected)
        {
            Assert.True(all.ContainsKey(name), name);
        }

        Assert.Equal(-12.0, all["circuit"]!["output"]!.GetValue<double>());
    }

    [Fact]
    public void All_as_text_runs_every_demo()
    {
        var result = CliRunner.Run("demo", "all");

        Assert.Equal(0, result.ExitCode);
        foreach (var name in Expected)
        {
            Assert.Contains($"=== {name}:", result.Out);
        }

        Assert.DoesNotContain("DISAGREE", result.Out);
        Assert.DoesNotContain("DIFFERENT", result.Out);
    }
}
