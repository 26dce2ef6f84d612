using System.Text.Json.Nodes;
using Gradwire.Guide;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 2, "a more conventional approach: loss functions": the guide's SVM cost on three 2-D points,
/// L = Σᵢ max(0, −yᵢ·(w0·xᵢ0 + w1·xᵢ1 + w2) + 1) + α·(w0² + w1²), printed example by example, then minimized
/// by full-batch gradient descent with gradients from <see cref="Value"/>.
/// </summary>
internal sealed class SvmCostDemo : IDemo
{
    private const double Alpha = 0.1;
    private const double LearningRate = 0.02;
    private const int Steps = 300;
    private const int LogEvery = 30;

    private static readonly double[][] X = [[1.2, 0.7], [-0.3, 0.5], [3, 2.5]];
    private static readonly int[] Y = [1, -1, 1];

    public string Name => "svm-cost";

    public string Summary => "the guide's SVM cost with L2 regularization (total 1.815), then minimized";

    public int Order => 220;

    public void Run(DemoReport report)
    {
        double[] w = [0.1, 0.2, 0.3];
        report.Heading("SVM cost: sum_i max(0, -y_i * score_i + 1) + alpha * (w0^2 + w1^2)");
        report.Line($"w = [0.1, 0.2, 0.3], alpha = {Alpha}");
        var total = 0.0;
        for (var i = 0; i < X.Length; i++)
        {
            var score = w[0] * X[i][0] + w[1] * X[i][1] + w[2];
            var cost = Math.Max(0, -Y[i] * score + 1);
            total += cost;
            report.Line($"example {i}: xi = ({X[i][0]}, {X[i][1]}) and label = {Y[i]}");
            report.Line($"  score computed to be {F(score)}");
            report.Line($"  => cost computed to be {F(cost)}");
            report.Set($"examples.{i}.score", score);
            report.Set($"examples.{i}.cost", cost);
        }

        var regularization = Alpha * (w[0] * w[0] + w[1] * w[1]);
        total += regularization;
        report.Line($"regularization cost for current model is {F(regularization)}");
        report.Line($"total cost is {F(total)}");
        report.Set("regularization", regularization);
        report.Set("total", total);

        report.Heading($"Minimized by gradient descent (learning rate {LearningRate}, {Steps} full-batch steps, gradients by Value)");
        var parameters = w.Select((v, k) => new Value(v, $"w{k}")).ToArray();
        var run = GradientDescent.Minimize(parameters, () => Cost(parameters), LearningRate, Steps, LogEvery);
        foreach (var entry in run.Log)
        {
            var v = entry.Parameters;
            report.Line($"step {entry.Step,3}: cost {F(entry.F)}, w = [{F(v[0])}, {F(v[1])}, {F(v[2])}]");
            report.Append("descent.log", new JsonObject { ["step"] = entry.Step, ["cost"] = entry.F });
        }

        var start = run.Log[0].F;
        var final = run.Final;
        var margins = X.Select((x, i) => Y[i] * (parameters[0].Data * x[0] + parameters[1].Data * x[1] + parameters[2].Data)).ToArray();
        var correct = margins.Count(m => m > 0);
        report.Line($"cost {F(start)} -> {F(final)}; every example on the right side: {correct == X.Length} (margins y*score = " +
                    $"[{string.Join(", ", margins.Select(m => F(m)))}])");
        report.Line("(the hinge has kinks, so with a fixed learning rate the descent settles into hovering around the minimum)");
        report.Set("descent.start_cost", start);
        report.Set("descent.final_cost", final);
        report.Set("descent.w", parameters.Select(p => p.Data).ToArray());
        report.Set("descent.margins", margins);
        report.Set("descent.correct", correct);
    }

    /// <summary>The guide's cost as a Value graph over the weights (the data are constants).</summary>
    private static Value Cost(Value[] w)
    {
        Value total = 0;
        for (var i = 0; i < X.Length; i++)
        {
            var score = w[0] * X[i][0] + w[1] * X[i][1] + w[2];
            total += (1 - Y[i] * score).Relu(); // max(0, -y*score + 1)
        }

        return total + Alpha * (w[0] * w[0] + w[1] * w[1]);
    }

    private static string F(double value) => DemoReport.F(value, 3);
}
