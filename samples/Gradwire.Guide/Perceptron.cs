using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>
/// nn6's perceptron: learn AND by optimization. A linear unit o = w1·x1 + w2·x2 + b is fitted to the truth table
/// (<see cref="AndTable"/>) by gradient descent on the squared error Σ (o − t)² over all four rows (the whole table is
/// one loss to minimize); the perceptron then answers 1 when o &gt; 0.5. The least-squares optimum is
/// w = (0.5, 0.5), b = −0.25 (loss 0.25).
/// </summary>
public static class Perceptron
{
    /// <summary>Fits from zero weights (learning rate 0.1, 300 steps, a log every 50), then reads the answers.</summary>
    public static PerceptronResult Run(double learningRate = 0.1, int steps = 300, int logEvery = 50)
    {
        var w1 = new Value(0, "w1");
        var w2 = new Value(0, "w2");
        var b = new Value(0, "b");
        var run = GradientDescent.Minimize([w1, w2, b], () =>
        {
            Value loss = 0;
            for (var i = 0; i < AndTable.Inputs.Count; i++)
            {
                var o = w1 * AndTable.Inputs[i][0] + w2 * AndTable.Inputs[i][1] + b;
                loss += (o - AndTable.Targets[i]).Pow(2);
            }

            return loss;
        }, learningRate, steps, logEvery);

        var outputs = new double[AndTable.Inputs.Count];
        var answers = new int[outputs.Length];
        var correct = 0;
        for (var i = 0; i < outputs.Length; i++)
        {
            var (x1, x2) = (AndTable.Inputs[i][0], AndTable.Inputs[i][1]);
            outputs[i] = w1.Data * x1 + w2.Data * x2 + b.Data;
            answers[i] = outputs[i] > 0.5 ? 1 : 0;
            correct += answers[i] == (int)AndTable.Targets[i] ? 1 : 0;
        }

        return new PerceptronResult(w1.Data, w2.Data, b.Data, run, outputs, answers, correct);
    }
}

/// <summary>What <see cref="Perceptron.Run"/> computed.</summary>
/// <param name="W1">The weight of x1.</param>
/// <param name="W2">The weight of x2.</param>
/// <param name="B">The bias.</param>
/// <param name="Run">The descent's log and final loss.</param>
/// <param name="Outputs">o for each row of <see cref="AndTable.Inputs"/>.</param>
/// <param name="Answers">1 where o &gt; 0.5, else 0.</param>
/// <param name="Correct">How many answers match <see cref="AndTable.Targets"/>.</param>
public sealed record PerceptronResult(
    double W1, double W2, double B, DescentRun Run, IReadOnlyList<double> Outputs, IReadOnlyList<int> Answers, int Correct);
