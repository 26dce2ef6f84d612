using System.Text.Json.Nodes;
using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints a <see cref="DescentRun"/> the way the nn6 demos show it: one line and one JSON row per logged step.</summary>
internal static class Descent
{
    /// <summary>Prints each logged step (<c>step N: f = …, x = …</c>) and records it under <c>log</c>.</summary>
    public static void Print(DescentRun run, DemoReport report)
    {
        foreach (var entry in run.Log)
        {
            var values = string.Join(", ", run.Labels.Select((label, i) => $"{label} = {DemoReport.F(entry.Parameters[i])}"));
            report.Line($"step {entry.Step,4}: f = {DemoReport.F(entry.F, 6)}, {values}");
            var row = new JsonObject { ["step"] = entry.Step, ["f"] = JsonValue.Create(entry.F) };
            for (var i = 0; i < run.Labels.Count; i++)
            {
                row[run.Labels[i]] = JsonValue.Create(entry.Parameters[i]);
            }

            report.Append("log", row);
        }
    }
}
