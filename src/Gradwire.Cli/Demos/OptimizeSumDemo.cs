using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's optimizeSum: minimize f(x, y) = x² + 2xy + y² + 2 = (x + y)² + 2 by gradient descent. Every point of the
/// line y = −x is a minimum (f = 2); the gradient 2(x + y)·(1, 1) never changes x − y, so the descent from
/// (1, 2) lands at (−0.5, 0.5).
/// </summary>
internal sealed class OptimizeSumDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Steps = 50;
    private const int LogEvery = 5;

    public string Name => "optimize-sum";

    public string Summary => "nn6: minimize x^2 + 2xy + y^2 + 2 (minimum 2 on the line y = -x)";

    public int Order => 310;

    public void Run(DemoReport report)
    {
        var x = new Value(1, "x");
        var y = new Value(2, "y");
        report.Heading($"Gradient descent on f = x^2 + 2xy + y^2 + 2 from (1, 2), learning rate {LearningRate}");
        var f = Descent.Minimize([x, y], () => x * x + 2 * x * y + y * y + 2, LearningRate, Steps, LogEvery, report);
        report.Line($"minimum found: f = {DemoReport.F(f)} at x = {DemoReport.F(x.Data)}, y = {DemoReport.F(y.Data)}; " +
                    $"x + y = {DemoReport.F(x.Data + y.Data)} (on the line y = -x)");
        report.Line("f = (x + y)^2 + 2: its gradient 2(x + y)*(1, 1) only moves along (1, 1), so x - y = -1 is kept from the start");
        report.Set("x", x.Data);
        report.Set("y", y.Data);
        report.Set("f", f);
        report.Set("x_plus_y", x.Data + y.Data);
    }
}
