using Gradwire.Guide;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's perceptron: learn AND by optimization. A linear unit o = w1·x1 + w2·x2 + b is fitted to the truth table by
/// gradient descent on the squared error Σ (o − t)² over all four rows (the whole table is one loss to minimize);
/// the perceptron then answers 1 when o &gt; 0.5. The least-squares optimum is w = (0.5, 0.5), b = −0.25.
/// </summary>
internal sealed class PerceptronDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Steps = 300;
    private const int LogEvery = 50;

    public string Name => "perceptron";

    public string Summary => "nn6: a perceptron learns AND by minimizing its squared error (gradient descent)";

    public int Order => 340;

    public void Run(DemoReport report)
    {
        var w1 = new Value(0, "w1");
        var w2 = new Value(0, "w2");
        var b = new Value(0, "b");
        report.Heading($"AND by optimization: minimize sum (w1*x1 + w2*x2 + b - t)^2 from zero weights, learning rate {LearningRate}");
        var f = Descent.Minimize([w1, w2, b], () =>
        {
            Value loss = 0;
            for (var i = 0; i < AndTable.Inputs.Count; i++)
            {
                var o = w1 * AndTable.Inputs[i][0] + w2 * AndTable.Inputs[i][1] + b;
                loss += (o - AndTable.Targets[i]).Pow(2);
            }

            return loss;
        }, LearningRate, Steps, LogEvery, report);
        report.Line($"least-squares weights: w1 = {DemoReport.F(w1.Data)}, w2 = {DemoReport.F(w2.Data)}, b = {DemoReport.F(b.Data)} " +
                    $"(exact: 0.5, 0.5, -0.25; loss 0.25), loss {DemoReport.F(f)}");
        report.Set("w1", w1.Data);
        report.Set("w2", w2.Data);
        report.Set("b", b.Data);
        report.Set("loss", f);

        report.Heading("The perceptron's answers (1 when w1*x1 + w2*x2 + b > 0.5)");
        var correct = 0;
        for (var i = 0; i < AndTable.Inputs.Count; i++)
        {
            var (x1, x2) = (AndTable.Inputs[i][0], AndTable.Inputs[i][1]);
            var o = w1.Data * x1 + w2.Data * x2 + b.Data;
            var answer = o > 0.5 ? 1 : 0;
            correct += answer == (int)AndTable.Targets[i] ? 1 : 0;
            report.Line($"{x1} AND {x2}: o = {DemoReport.F(o)} -> {answer} (expected {AndTable.Targets[i]})");
            report.Append("outputs", o);
            report.Append("answers", answer);
        }

        report.Line($"{correct} of 4 right");
        report.Set("correct", correct);
    }
}
