using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Nn6Descent.SolveXy"/>: the maths is in the samples library.</summary>
internal sealed class SolveXyDemo : IDemo
{
    public string Name => "solve-xy";

    public string Summary => "nn6: solve 2x + y = 3, x + y = 2 by gradient descent on the squared residual";

    public int Order => 320;

    public void Run(DemoReport report)
    {
        var r = Nn6Descent.SolveXy();
        var (x, y, f) = (r.Solution[0], r.Solution[1], r.Run.Final);
        report.Heading($"Minimize (2x + y - 3)^2 + (x + y - 2)^2 from (0, 0), learning rate {r.Run.LearningRate}");
        Descent.Print(r.Run, report);
        report.Line($"solution: x = {DemoReport.F(x)}, y = {DemoReport.F(y)} (exact: 1, 1); residual {f:E2}");
        report.Line($"check: 2x + y = {DemoReport.F(2 * x + y)}, x + y = {DemoReport.F(x + y)}");
        report.Set("x", x);
        report.Set("y", y);
        report.Set("residual", f);
    }
}
