using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>nn6's optimizeAdd: minimize f(x, y) = x² + y² from (1, 2) by gradient descent, gradients by <see cref="Value"/>.</summary>
internal sealed class OptimizeAddDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Steps = 100;
    private const int LogEvery = 10;

    public string Name => "optimize-add";

    public string Summary => "nn6: minimize x^2 + y^2 from (1, 2) by gradient descent";

    public int Order => 300;

    public void Run(DemoReport report)
    {
        var x = new Value(1, "x");
        var y = new Value(2, "y");
        report.Heading($"Gradient descent on f = x^2 + y^2 from (1, 2), learning rate {LearningRate}");
        var f = Descent.Minimize([x, y], () => x * x + y * y, LearningRate, Steps, LogEvery, report);
        report.Line($"minimum found: x = {DemoReport.F(x.Data)}, y = {DemoReport.F(y.Data)}, f = {DemoReport.F(f)} (exact: (0, 0), f = 0)");
        report.Set("x", x.Data);
        report.Set("y", y.Data);
        report.Set("f", f);
    }
}
