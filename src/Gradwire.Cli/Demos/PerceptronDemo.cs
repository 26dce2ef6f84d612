using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Perceptron.Run"/>: the maths is in the samples library.</summary>
internal sealed class PerceptronDemo : IDemo
{
    public string Name => "perceptron";

    public string Summary => "nn6: a perceptron learns AND by minimizing its squared error (gradient descent)";

    public int Order => 340;

    public void Run(DemoReport report)
    {
        var r = Perceptron.Run();
        report.Heading($"AND by optimization: minimize sum (w1*x1 + w2*x2 + b - t)^2 from zero weights, learning rate {r.Run.LearningRate}");
        Descent.Print(r.Run, report);
        report.Line($"least-squares weights: w1 = {DemoReport.F(r.W1)}, w2 = {DemoReport.F(r.W2)}, b = {DemoReport.F(r.B)} " +
                    $"(exact: 0.5, 0.5, -0.25; loss 0.25), loss {DemoReport.F(r.Run.Final)}");
        report.Set("w1", r.W1);
        report.Set("w2", r.W2);
        report.Set("b", r.B);
        report.Set("loss", r.Run.Final);

        report.Heading("The perceptron's answers (1 when w1*x1 + w2*x2 + b > 0.5)");
        for (var i = 0; i < r.Outputs.Count; i++)
        {
            report.Line($"{AndTable.Inputs[i][0]} AND {AndTable.Inputs[i][1]}: o = {DemoReport.F(r.Outputs[i])} -> {r.Answers[i]} (expected {AndTable.Targets[i]})");
            report.Append("outputs", r.Outputs[i]);
            report.Append("answers", r.Answers[i]);
        }

        report.Line($"{r.Correct} of 4 right");
        report.Set("correct", r.Correct);
    }
}
