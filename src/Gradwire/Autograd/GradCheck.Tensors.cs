using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire;

/// <summary>
/// Gradient checks for tensor functions: the analytic gradient against central finite differences, in
/// float64. The function's output is reduced to a scalar with fixed pseudo-random weights
/// (<c>s = Σ w ⊙ f(x)</c>), which checks the whole vector-Jacobian product at once.
/// </summary>
public static partial class GradCheck
{
    /// <summary>
    /// Checks first derivatives of <paramref name="f"/> at <paramref name="inputs"/> (float64 tensors):
    /// passes when every entry satisfies <c>|analytic − numeric| ≤ atol + rtol·|numeric|</c>.
    /// </summary>
    public static TensorGradCheckResult Check(
        Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var x in inputs)
        {
            if (x.DType != DType.Float64)
            {
                throw new ArgumentException($"GradCheck: inputs must be float64 for meaningful finite differences, got {x.DType.Name()} {x.Shape}.");
            }
        }

        var leaves = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            leaves[i] = inputs[i].Clone().Detach();
            leaves[i].RequiresGrad = true;
        }

        Tensor? weights = null;
        double Scalar()
        {
            using var enable = Tensor.EnableGrad();
            var y = f(leaves);
            weights ??= Tensor.Uniform(y.Shape, new Generator(seed), 0.5, 1.5, DType.Float64);
            return (y * weights).Sum().Item();
        }

        Tensor[] analytic;
        using (Tensor.EnableGrad())
        {
            var y = f(leaves);
            weights = Tensor.Uniform(y.Shape, new Generator(seed), 0.5, 1.5, DType.Float64);
            var s = (y * weights).Sum();
            analytic = s.RequiresGrad
                ? Diff.Gradients([s], leaves)
                : Array.ConvertAll(leaves, Tensor.ZerosLike);
        }

        double maxAbs = 0, maxRel = 0;
        var passed = true;
        var count = 0;
        var worst = "";
        int worstInput = -1, worstIndex = -1;
        for (var i = 0; i < leaves.Length; i++)
        {
            var leaf = leaves[i];
            var a = analytic[i].ToDoubleArray();
            for (var j = 0; j < leaf.Numel; j++)
            {
                var at = FlatOffset(leaf, j);
                var original = leaf.GetFlat(at);
                leaf.SetFlat(at, original + eps);
                leaf.BumpVersion();
                var plus = Scalar();
                leaf.SetFlat(at, original - eps);
                leaf.BumpVersion();
                var minus = Scalar();
                leaf.SetFlat(at, original);
                leaf.BumpVersion();
                var numeric = (plus - minus) / (2 * eps);
                var abs = Math.Abs(a[j] - numeric);
                var rel = abs / Math.Max(Math.Max(Math.Abs(a[j]), Math.Abs(numeric)), 1e-12);
                count++;
                if (!(abs <= atol + rtol * Math.Abs(numeric)))
                {
                    passed = false;
                }

                if (abs > maxAbs || double.IsNaN(abs))
                {
                    maxAbs = double.IsNaN(abs) ? double.NaN : abs;
                    worst = $"input {i}, element {j}: analytic {a[j]:R}, numeric {numeric:R}";
                    (worstInput, worstIndex) = (i, j);
                }

                maxRel = Math.Max(maxRel, rel);
            }
        }

        return new TensorGradCheckResult(passed, maxAbs, maxRel, count, worst, worstInput, worstIndex);
    }

    /// <summary>Checks first derivatives of a one-input function.</summary>
    public static TensorGradCheckResult Check(
        Func<Tensor, Tensor> f, Tensor input, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3) =>
        Check(xs => f(xs[0]), [input], eps, atol, rtol);

    /// <summary>
    /// Checks second derivatives: the gradient of <c>Σ u ⊙ ∇s(x)</c> (computed with <c>createGraph</c>, i.e.
    /// Hessian-vector products) against finite differences of first-order gradients, u fixed pseudo-random.
    /// </summary>
    public static TensorGradCheckResult CheckSecondOrder(
        Func<Tensor[], Tensor> f, Tensor[] inputs, double eps = 1e-5, double atol = 1e-4, double rtol = 1e-3, ulong seed = 2)
    {
        ArgumentNullException.ThrowIfNull(f);
        Tensor? weights = null;
        Tensor[]? directions = null;
        Tensor GradientProjection(Tensor[] xs)
        {
            var y = f(xs);
            weights ??= Tensor.Uniform(y.Shape, new Generator(seed), 0.5, 1.5, DType.Float64);
            var s = (y * weights).Sum();
            if (!s.RequiresGrad)
            {
                return Tensor.Scalar(0, DType.Float64);
            }

            var grads = Diff.Gradients([s], xs, null, createGraph: true);
            directions ??= Array.ConvertAll(xs, x => Tensor.Uniform(x.Shape, new Generator(seed + 1), -1, 1, DType.Float64));
            var total = Tensor.Scalar(0, DType.Float64);
            for (var i = 0; i < grads.Length; i++)
            {
                total = total + (grads[i] * directions[i]).Sum();
            }

            return total;
        }

        return Check(GradientProjection, inputs, eps, atol, rtol, seed);
    }

    /// <summary>Checks second derivatives of a one-input function.</summary>
    public static TensorGradCheckResult CheckSecondOrder(
        Func<Tensor, Tensor> f, Tensor input, double eps = 1e-5, double atol = 1e-4, double rtol = 1e-3) =>
        CheckSecondOrder(xs => f(xs[0]), [input], eps, atol, rtol);

    private static int FlatOffset(Tensor t, int flat)
    {
        var at = t.StorageOffset;
        for (var d = t.Rank - 1; d >= 0; d--)
        {
            var size = t.ShapeArray[d];
            at += flat % size * t.StridesArray[d];
            flat /= size;
        }

        return at;
    }
}

/// <summary>
/// The outcome of a tensor gradient check: pass/fail and the worst errors seen. The scalar check's
/// <see cref="GradCheckReport"/> uses the same names (<c>Passed</c>, <c>MaxAbsoluteError</c>,
/// <c>MaxRelativeError</c>, <c>Checked</c>, <c>Worst</c>, <c>WorstIndex</c>).
/// </summary>
/// <param name="Passed">Every entry was within tolerance.</param>
/// <param name="MaxAbsoluteError">Largest |analytic − numeric|.</param>
/// <param name="MaxRelativeError">Largest |analytic − numeric| / max(|analytic|, |numeric|).</param>
/// <param name="Checked">Number of input entries checked.</param>
/// <param name="Worst">Where the largest absolute error occurred, with both values.</param>
/// <param name="WorstInput">The input holding the worst entry (−1 when nothing was checked).</param>
/// <param name="WorstIndex">The worst entry's flat (row-major) index within that input (−1 when nothing was checked).</param>
public sealed record TensorGradCheckResult(
    bool Passed, double MaxAbsoluteError, double MaxRelativeError, int Checked, string Worst, int WorstInput, int WorstIndex)
{
    /// <summary>One line for test messages and logs.</summary>
    public override string ToString() =>
        $"{(Passed ? "passed" : "FAILED")}: {Checked} entries, max abs error {MaxAbsoluteError:G3}, max rel error {MaxRelativeError:G3}; worst at {Worst}";
}
