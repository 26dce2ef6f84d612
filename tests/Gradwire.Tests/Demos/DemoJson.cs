using System.Text.Json.Nodes;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Demos;

/// <summary>Runs <c>gradwire demo NAME --json</c> in-process and reads its one JSON object.</summary>
internal static class DemoJson
{
    public static JsonObject Run(string name)
    {
        var result = CliRunner.Run("demo", name, "--json");
        Assert.True(result.ExitCode == 0, $"demo {name} exited {result.ExitCode}: {result.Error}");
        Assert.Equal(string.Empty, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines); // exactly one JSON object
        return JsonNode.Parse(lines[0])!.AsObject();
    }

    public static double D(this JsonNode? node) => node!.GetValue<double>();

    public static double[] Vector(this JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    public static bool Flag(this JsonNode? node) => node!.GetValue<bool>();
}
