using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>
/// nn6's solveLearnXy: the system 2x + y = 3, x + y = 2 learned instead of optimized. The unknowns (x, y) are the
/// weights of a linear neuron without bias; each equation is a training example (coefficients in, right-hand side
/// out), and the neuron learns from one example at a time (online SGD on (x·a1 + y·a2 − b)²) until both hold.
/// </summary>
public static class SolveLearnXy
{
    private static readonly double[][] Coefficients = [[2, 1], [1, 1]];
    private static readonly double[] RightHandSides = [3, 2];

    /// <summary>Learns from (0, 0) (learning rate 0.1, 300 epochs, a log every 30 and at epoch 1).</summary>
    public static SolveLearnXyResult Run(double learningRate = 0.1, int epochs = 300, int logEvery = 30)
    {
        var x = new Value(0, "x");
        var y = new Value(0, "y");
        var log = new List<SolveLearnXyLogEntry>();
        for (var epoch = 1; epoch <= epochs; epoch++)
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
                x.Data -= learningRate * x.Grad;
                y.Data -= learningRate * y.Grad;
            }

            if (epoch == 1 || epoch % logEvery == 0)
            {
                log.Add(new SolveLearnXyLogEntry(epoch, epochLoss, x.Data, y.Data));
            }
        }

        return new SolveLearnXyResult(learningRate, x.Data, y.Data, log);
    }
}

/// <summary>One logged epoch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Loss">The summed squared error of its 2 updates.</param>
/// <param name="X">x after it.</param>
/// <param name="Y">y after it.</param>
public readonly record struct SolveLearnXyLogEntry(int Epoch, double Loss, double X, double Y);

/// <summary>What <see cref="SolveLearnXy.Run"/> learned.</summary>
/// <param name="LearningRate">The SGD step.</param>
/// <param name="X">The learned x (exact: 1).</param>
/// <param name="Y">The learned y (exact: 1).</param>
/// <param name="Log">The logged epochs.</param>
public sealed record SolveLearnXyResult(double LearningRate, double X, double Y, IReadOnlyList<SolveLearnXyLogEntry> Log);
