using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's solveXy: solve 2x + y = 3, x + y = 2 by gradient descent on the squared residual
/// (2x + y − 3)² + (x + y − 2)², whose minimum 0 is at the solution (1, 1).
/// </summary>
internal sealed class SolveXyDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Steps = 1000;
    private const int LogEvery = 100;

    public string Name => "solve-xy";

    public string Summary => "nn6: solve 2x + y = 3, x + y = 2 by gradient descent on the squared residual";

    public int Order => 320;

    public void Run(DemoReport report)
    {
        var x = new Value(0, "x");
        var y = new Value(0, "y");
        report.Heading($"Minimize (2x + y - 3)^2 + (x + y - 2)^2 from (0, 0), learning rate {LearningRate}");
        var f = Descent.Minimize([x, y], () => (2 * x + y - 3).Pow(2) + (x + y - 2).Pow(2), LearningRate, Steps, LogEvery, report);
        report.Line($"solution: x = {DemoReport.F(x.Data)}, y = {DemoReport.F(y.Data)} (exact: 1, 1); residual {f:E2}");
        report.Line($"check: 2x + y = {DemoReport.F(2 * x.Data + y.Data)}, x + y = {DemoReport.F(x.Data + y.Data)}");
        report.Set("x", x.Data);
        report.Set("y", y.Data);
        report.Set("residual", f);
    }
}
