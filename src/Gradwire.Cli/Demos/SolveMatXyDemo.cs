using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's solveMatXy: the same system in matrix form, A·v = b with A = [[2, 1], [1, 1]], b = [3, 2], solved by
/// gradient descent on ‖A·v − b‖²; the autodiff gradient is checked against the vectorized formula 2·Aᵀ(A·v − b).
/// </summary>
internal sealed class SolveMatXyDemo : IDemo
{
    private const double LearningRate = 0.1;
    private const int Steps = 1000;
    private const int LogEvery = 100;
    private static readonly double[,] A = { { 2, 1 }, { 1, 1 } };
    private static readonly double[] B = [3, 2];

    public string Name => "solve-mat-xy";

    public string Summary => "nn6: solve A v = b (A = [[2,1],[1,1]], b = [3,2]) by gradient descent on |Av - b|^2";

    public int Order => 330;

    public void Run(DemoReport report)
    {
        Value[] v = [new Value(0, "x"), new Value(0, "y")];
        report.Heading("A v = b with A = [[2, 1], [1, 1]], b = [3, 2]: minimize |A v - b|^2 from v = (0, 0)");

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
        report.Line($"gradient at the start: Value [{DemoReport.F(autodiff[0])}, {DemoReport.F(autodiff[1])}], " +
                    $"2 A^T (A v - b) = [{DemoReport.F(formula[0])}, {DemoReport.F(formula[1])}] -> {(agree ? "agree" : "DISAGREE")}");
        report.Set("start_gradient.value", autodiff);
        report.Set("start_gradient.formula", formula);
        report.Set("start_gradient.agree", agree);

        report.Line($"gradient descent, learning rate {LearningRate}:");
        var f = Descent.Minimize(v, () => Residual(v), LearningRate, Steps, LogEvery, report);
        report.Line($"solution: v = ({DemoReport.F(v[0].Data)}, {DemoReport.F(v[1].Data)}) (exact: (1, 1)); residual {f:E2}");
        report.Set("v", [v[0].Data, v[1].Data]);
        report.Set("residual", f);
    }

    /// <summary>|A v − b|² = Σᵢ (Σⱼ Aᵢⱼ vⱼ − bᵢ)², row by row.</summary>
    private static Value Residual(Value[] v)
    {
        Value total = 0;
        for (var i = 0; i < B.Length; i++)
        {
            Value row = -B[i];
            for (var j = 0; j < v.Length; j++)
            {
                row += A[i, j] * v[j];
            }

            total += row * row;
        }

        return total;
    }
}
