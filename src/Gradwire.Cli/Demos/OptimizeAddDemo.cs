using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Nn6Descent.OptimizeAdd"/>: the maths is in the samples library.</summary>
internal sealed class OptimizeAddDemo : IDemo
{
    public string Name => "optimize-add";

    public string Summary => "nn6: minimize x^2 + y^2 from (1, 2) by gradient descent";

    public int Order => 300;

    public void Run(DemoReport report)
    {
        var r = Nn6Descent.OptimizeAdd();
        var (x, y, f) = (r.Solution[0], r.Solution[1], r.Run.Final);
        report.Heading($"Gradient descent on f = x^2 + y^2 from (1, 2), learning rate {r.Run.LearningRate}");
        Descent.Print(r.Run, report);
        report.Line($"minimum found: x = {DemoReport.F(x)}, y = {DemoReport.F(y)}, f = {DemoReport.F(f)} (exact: (0, 0), f = 0)");
        report.Set("x", x);
        report.Set("y", y);
        report.Set("f", f);
    }
}
