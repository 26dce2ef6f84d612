using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>
/// nn6's first examples, each a function minimized by <see cref="GradientDescent"/> with gradients from
/// <see cref="Value"/>: optimizeAdd, optimizeSum and solveXy.
/// </summary>
public static class Nn6Descent
{
    /// <summary>optimizeAdd: minimize f(x, y) = x² + y² from (1, 2) (learning rate 0.1, 100 steps); the minimum is (0, 0).</summary>
    public static DescentSolution OptimizeAdd(double learningRate = 0.1, int steps = 100, int logEvery = 10)
    {
        var x = new Value(1, "x");
        var y = new Value(2, "y");
        var run = GradientDescent.Minimize([x, y], () => x * x + y * y, learningRate, steps, logEvery);
        return new DescentSolution([x.Data, y.Data], run);
    }

    /// <summary>
    /// optimizeSum: minimize f(x, y) = x² + 2xy + y² + 2 = (x + y)² + 2 from (1, 2). Every point of y = −x is a
    /// minimum (f = 2); the gradient 2(x + y)·(1, 1) never changes x − y, so the descent lands at (−0.5, 0.5).
    /// </summary>
    public static DescentSolution OptimizeSum(double learningRate = 0.1, int steps = 50, int logEvery = 5)
    {
        var x = new Value(1, "x");
        var y = new Value(2, "y");
        var run = GradientDescent.Minimize([x, y], () => x * x + 2 * x * y + y * y + 2, learningRate, steps, logEvery);
        return new DescentSolution([x.Data, y.Data], run);
    }

    /// <summary>
    /// solveXy: solve 2x + y = 3, x + y = 2 by descent on the squared residual (2x + y − 3)² + (x + y − 2)² from
    /// (0, 0); its minimum 0 is at the solution (1, 1).
    /// </summary>
    public static DescentSolution SolveXy(double learningRate = 0.1, int steps = 1000, int logEvery = 100)
    {
        var x = new Value(0, "x");
        var y = new Value(0, "y");
        var run = GradientDescent.Minimize([x, y], () => (2 * x + y - 3).Pow(2) + (x + y - 2).Pow(2), learningRate, steps, logEvery);
        return new DescentSolution([x.Data, y.Data], run);
    }
}

/// <summary>Where a descent ended and how it got there.</summary>
/// <param name="Solution">The parameters at the end (x, y).</param>
/// <param name="Run">The descent's log and final f.</param>
public sealed record DescentSolution(IReadOnlyList<double> Solution, DescentRun Run);
