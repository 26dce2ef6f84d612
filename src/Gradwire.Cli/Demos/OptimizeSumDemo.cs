using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Nn6Descent.OptimizeSum"/>: the maths is in the samples library.</summary>
internal sealed class OptimizeSumDemo : IDemo
{
    public string Name => "optimize-sum";

    public string Summary => "nn6: minimize x^2 + 2xy + y^2 + 2 (minimum 2 on the line y = -x)";

    public int Order => 310;

    public void Run(DemoReport report)
    {
        var r = Nn6Descent.OptimizeSum();
        var (x, y, f) = (r.Solution[0], r.Solution[1], r.Run.Final);
        report.Heading($"Gradient descent on f = x^2 + 2xy + y^2 + 2 from (1, 2), learning rate {r.Run.LearningRate}");
        Descent.Print(r.Run, report);
        report.Line($"minimum found: f = {DemoReport.F(f)} at x = {DemoReport.F(x)}, y = {DemoReport.F(y)}; " +
                    $"x + y = {DemoReport.F(x + y)} (on the line y = -x)");
        report.Line("f = (x + y)^2 + 2: its gradient 2(x + y)*(1, 1) only moves along (1, 1), so x - y = -1 is kept from the start");
        report.Set("x", x);
        report.Set("y", y);
        report.Set("f", f);
        report.Set("x_plus_y", x + y);
    }
}
