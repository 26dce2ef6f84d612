using System.Text.Json.Nodes;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's solveLearnXy: the system 2x + y = 3, x + y = 2 learned instead of optimized. The unknowns (x, y) are the
/// weights of a linear neuron without bias; each equation is a training example (coefficients in, right-hand side
/// out), and the neuron learns from one example at a time (online SGD on the squared error) until both hold.
/// </summary>
internal sealed class SolveLearnXyDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Epochs = 300;
    private const int LogEvery = 30;
    private static readonly double[][] Coefficients = [[2, 1], [1, 1]];
    private static readonly double[] RightHandSides = [3, 2];

    public string Name => "solve-learn-xy";

    public string Summary => "nn6: learn (x, y) of 2x + y = 3, x + y = 2 as the weights of a linear neuron";

    public int Order => 360;

    public void Run(DemoReport report)
    {
        var x = new Value(0, "x");
        var y = new Value(0, "y");
        report.Heading("Each equation is an example: inputs (2, 1) -> 3 and (1, 1) -> 2; the neuron's weights are (x, y)");
        report.Line($"online SGD on (x*a1 + y*a2 - b)^2, one equation at a time, learning rate {LearningRate}, from (0, 0)");
        for (var epoch = 1; epoch <= Epochs; epoch++)
        {
            var epochLoss = 0.0;
            for (var i = 0; i < Coefficients.Length; i++)
            {
                var prediction = x * Coefficients[i][0] + y * Coefficients[i][1];
                var loss = (prediction - RightHandSides[i]).Pow(2);
                epochLoss += loss.Data;
                x.Grad = 0;
                y.Grad = 0;
                loss.Backward();
                x.Data -= LearningRate * x.Grad;
                y.Data -= LearningRate * y.Grad;
            }

            if (epoch == 1 || epoch % LogEvery == 0)
            {
                report.Line($"epoch {epoch,3}: loss {DemoReport.F(epochLoss, 6)}, x = {DemoReport.F(x.Data)}, y = {DemoReport.F(y.Data)}");
                report.Append("log", new JsonObject { ["epoch"] = epoch, ["loss"] = epochLoss, ["x"] = x.Data, ["y"] = y.Data });
            }
        }

        report.Line($"learned: x = {DemoReport.F(x.Data)}, y = {DemoReport.F(y.Data)} (exact: 1, 1); " +
                    $"2x + y = {DemoReport.F(2 * x.Data + y.Data)}, x + y = {DemoReport.F(x.Data + y.Data)}");
        report.Set("x", x.Data);
        report.Set("y", y.Data);
    }
}
