using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>
/// nn6's solveMatXy: the system 2x + y = 3, x + y = 2 in matrix form, A·v = b with A = [[2, 1], [1, 1]], b = [3, 2],
/// solved by gradient descent on ‖A·v − b‖² from v = (0, 0). At the start the autodiff gradient is checked against
/// the vectorized formula ∇‖A·v − b‖² = 2·Aᵀ(A·v − b).
/// </summary>
public static class SolveMatXy
{
    private static readonly double[,] A = { { 2, 1 }, { 1, 1 } };
    private static readonly double[] B = [3, 2];

    /// <summary>Checks the start gradient, then descends (learning rate 0.1, 1000 steps, a log every 100).</summary>
    public static SolveMatXyResult Run(double learningRate = 0.1, int steps = 1000, int logEvery = 100)
    {
        Value[] v = [new Value(0, "x"), new Value(0, "y")];

        // The vectorized gradient of |Av - b|^2 is 2 A^T (Av - b); at the start it must equal Value's.
        var loss = Residual(v);
        loss.Backward();
        double[] autodiff = [v[0].Grad, v[1].Grad];
        var r = new double[2];
        for (var i = 0; i < 2; i++)
        {
            r[i] = A[i, 0] * v[0].Data + A[i, 1] * v[1].Data - B[i];
        }

        double[] formula = [2 * (A[0, 0] * r[0] + A[1, 0] * r[1]), 2 * (A[0, 1] * r[0] + A[1, 1] * r[1])];
        var agree = Math.Abs(formula[0] - autodiff[0]) < 1e-12 && Math.Abs(formula[1] - autodiff[1]) < 1e-12;

        var run = GradientDescent.Minimize(v, () => Residual(v), learningRate, steps, logEvery);
        return new SolveMatXyResult(autodiff, formula, agree, new DescentSolution([v[0].Data, v[1].Data], run));
    }

    /// <summary>‖A·v − b‖² = Σᵢ (Σⱼ Aᵢⱼ vⱼ − bᵢ)², row by row.</summary>
    public static Value Residual(IReadOnlyList<Value> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        Value total = 0;
        for (var i = 0; i < B.Length; i++)
        {
            Value row = -B[i];
            for (var j = 0; j < v.Count; j++)
            {
                row += A[i, j] * v[j];
            }

            total += row * row;
        }

        return total;
    }
}

/// <summary>What <see cref="SolveMatXy.Run"/> computed.</summary>
/// <param name="StartGradient">∇‖A·v − b‖² at v = (0, 0) from one backward pass.</param>
/// <param name="StartFormula">2·Aᵀ(A·v − b) at v = (0, 0).</param>
/// <param name="Agree">True when the two agree within 1e-12.</param>
/// <param name="Descent">The descent: v at the end and the log.</param>
public sealed record SolveMatXyResult(
    IReadOnlyList<double> StartGradient, IReadOnlyList<double> StartFormula, bool Agree, DescentSolution Descent);
