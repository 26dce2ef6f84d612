using System.Text.Json.Nodes;
using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="SolveLearnXy.Run"/>: the maths is in the samples library.</summary>
internal sealed class SolveLearnXyDemo : IDemo
{
    public string Name => "solve-learn-xy";

    public string Summary => "nn6: learn (x, y) of 2x + y = 3, x + y = 2 as the weights of a linear neuron";

    public int Order => 360;

    public void Run(DemoReport report)
    {
        var r = SolveLearnXy.Run();
        report.Heading("Each equation is an example: inputs (2, 1) -> 3 and (1, 1) -> 2; the neuron's weights are (x, y)");
        report.Line($"online SGD on (x*a1 + y*a2 - b)^2, one equation at a time, learning rate {r.LearningRate}, from (0, 0)");
        foreach (var entry in r.Log)
        {
            report.Line($"epoch {entry.Epoch,3}: loss {DemoReport.F(entry.Loss, 6)}, x = {DemoReport.F(entry.X)}, y = {DemoReport.F(entry.Y)}");
            report.Append("log", new JsonObject { ["epoch"] = entry.Epoch, ["loss"] = entry.Loss, ["x"] = entry.X, ["y"] = entry.Y });
        }

        report.Line($"learned: x = {DemoReport.F(r.X)}, y = {DemoReport.F(r.Y)} (exact: 1, 1); " +
                    $"2x + y = {DemoReport.F(2 * r.X + r.Y)}, x + y = {DemoReport.F(r.X + r.Y)}");
        report.Set("x", r.X);
        report.Set("y", r.Y);
    }
}
