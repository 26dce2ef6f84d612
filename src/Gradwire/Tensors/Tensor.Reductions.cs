using Gradwire.Autograd;
using Gradwire.Kernels;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>The sum of all elements (a scalar).</summary>
    public Tensor Sum() => ReductionFunctions.Reduce(ReduceOp.Sum, this, [], keepDim: false);

    /// <summary>Sum over <paramref name="axis"/>; with <paramref name="keepDim"/> the axis stays with size 1.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Sum, this, [axis], keepDim);

    /// <summary>Sum over <paramref name="axes"/> (all when empty).</summary>
    public Tensor Sum(ReadOnlySpan<int> axes, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Sum, this, axes, keepDim);

    /// <summary>The mean of all elements.</summary>
    public Tensor Mean() => Sum() * (1.0 / Numel);

    /// <summary>Mean over <paramref name="axis"/>.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    /// <summary>Mean over <paramref name="axes"/> (all when empty).</summary>
    public Tensor Mean(ReadOnlySpan<int> axes, bool keepDim = false) => Sum(axes, keepDim) * (1.0 / CountOver(axes));

    /// <summary>The largest element; the gradient is split evenly among ties.</summary>
    public Tensor Max() => ReductionFunctions.Reduce(ReduceOp.Max, this, [], keepDim: false);

    /// <summary>
    /// The maximum over <paramref name="axis"/> and where it is, as <c>torch.max(x, dim)</c>: the values, and
    /// the int64 indices of the first maximum. The gradient goes to that one element (not split among ties:
    /// for that, <see cref="Max(ReadOnlySpan{int}, bool)"/>).
    /// </summary>
    public (Tensor Values, Tensor Indices) Max(int axis, bool keepDim = false) => ReductionFunctions.ExtremumWithIndices(this, axis, keepDim, max: true);

    /// <summary>Maximum over <paramref name="axes"/> (all when empty), as <c>torch.amax</c>: the gradient is split evenly among ties.</summary>
    public Tensor Max(ReadOnlySpan<int> axes, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Max, this, axes, keepDim);

    /// <summary>The smallest element; the gradient is split evenly among ties.</summary>
    public Tensor Min() => ReductionFunctions.Reduce(ReduceOp.Min, this, [], keepDim: false);

    /// <summary>The minimum over <paramref name="axis"/> and the int64 indices of the first minimum, as <c>torch.min(x, dim)</c>; the gradient goes to that element.</summary>
    public (Tensor Values, Tensor Indices) Min(int axis, bool keepDim = false) => ReductionFunctions.ExtremumWithIndices(this, axis, keepDim, max: false);

    /// <summary>Minimum over <paramref name="axes"/> (all when empty), as <c>torch.amin</c>: the gradient is split evenly among ties.</summary>
    public Tensor Min(ReadOnlySpan<int> axes, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Min, this, axes, keepDim);

    /// <summary>Index of the first maximum over the flattened tensor (an int64 scalar); NaN counts as the maximum.</summary>
    public Tensor ArgMax() => ReductionFunctions.ArgExtremum(this, null, false, max: true);

    /// <summary>Int64 indices of the first maximum along <paramref name="axis"/>, as <c>torch.argmax</c>. No gradient.</summary>
    public Tensor ArgMax(int axis, bool keepDim = false) => ReductionFunctions.ArgExtremum(this, axis, keepDim, max: true);

    /// <summary>Index of the first minimum over the flattened tensor (an int64 scalar).</summary>
    public Tensor ArgMin() => ReductionFunctions.ArgExtremum(this, null, false, max: false);

    /// <summary>Int64 indices of the first minimum along <paramref name="axis"/>, as <c>torch.argmin</c>.</summary>
    public Tensor ArgMin(int axis, bool keepDim = false) => ReductionFunctions.ArgExtremum(this, axis, keepDim, max: false);

    /// <summary>True (a bool scalar) when any element is true (non-zero), as <c>torch.any</c>.</summary>
    public Tensor Any() => ReductionFunctions.Reduce(ReduceOp.Max, ToBoolForLogic("any"), [], keepDim: false);

    /// <summary>Whether any element along <paramref name="axis"/> is true: a bool tensor.</summary>
    public Tensor Any(int axis, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Max, ToBoolForLogic("any"), [axis], keepDim);

    /// <summary>True (a bool scalar) when every element is true (non-zero), as <c>torch.all</c>.</summary>
    public Tensor All() => ReductionFunctions.Reduce(ReduceOp.Min, ToBoolForLogic("all"), [], keepDim: false);

    /// <summary>Whether every element along <paramref name="axis"/> is true: a bool tensor.</summary>
    public Tensor All(int axis, bool keepDim = false) => ReductionFunctions.Reduce(ReduceOp.Min, ToBoolForLogic("all"), [axis], keepDim);

    /// <summary>Variance over <paramref name="axes"/> (all when empty): <c>Σ(x − mean)² / (n − 1)</c>, or <c>/ n</c> when not <paramref name="unbiased"/>.</summary>
    public Tensor Var(ReadOnlySpan<int> axes, bool unbiased = true, bool keepDim = false)
    {
        var n = CountOver(axes);
        var centered = this - Mean(axes, keepDim: true);

        // NOTE: over no elements the variance is undefined: NaN, as PyTorch (the factor would be 1/(0−1) and give −0).
        var factor = n == 0 ? double.NaN : 1.0 / (unbiased ? n - 1 : n);
        return centered.Square().Sum(axes, keepDim) * factor;
    }

    /// <summary>Variance of all elements.</summary>
    public Tensor Var(bool unbiased = true) => Var([], unbiased);

    /// <summary>Variance over <paramref name="axis"/>.</summary>
    public Tensor Var(int axis, bool unbiased = true, bool keepDim = false) => Var([axis], unbiased, keepDim);

    /// <summary>Standard deviation: <c>√Var</c>.</summary>
    public Tensor Std(ReadOnlySpan<int> axes, bool unbiased = true, bool keepDim = false) => Var(axes, unbiased, keepDim).Sqrt();

    /// <summary>Standard deviation of all elements.</summary>
    public Tensor Std(bool unbiased = true) => Var([], unbiased).Sqrt();

    /// <summary>Standard deviation over <paramref name="axis"/>.</summary>
    public Tensor Std(int axis, bool unbiased = true, bool keepDim = false) => Var([axis], unbiased, keepDim).Sqrt();

    /// <summary>
    /// <c>log Σ exp(x)</c> over <paramref name="axes"/> (all when empty), stable: <c>m + log Σ exp(x − m)</c> with
    /// m the (detached) maximum.
    /// </summary>
    public Tensor LogSumExp(ReadOnlySpan<int> axes, bool keepDim = false)
    {
        Tensor m;
        using (NoGrad())
        {
            var max = Max(axes, keepDim: true);
            // All −∞ (or +∞) rows would give ∞ − ∞; shift by 0 there instead.
            m = Where(max.Abs().Lt(double.PositiveInfinity), max, 0);
        }

        var shifted = (this - m).Exp().Sum(axes, keepDim: true).Log() + m;
        return keepDim ? shifted : shifted.Reshape(ReducedShape(axes));
    }

    /// <summary><c>log Σ exp(x)</c> over <paramref name="axis"/>.</summary>
    public Tensor LogSumExp(int axis, bool keepDim = false) => LogSumExp([axis], keepDim);

    /// <summary>Softmax along <paramref name="axis"/>: <c>exp(x − max) / Σ exp(x − max)</c>.</summary>
    public Tensor Softmax(int axis = -1) => ReductionFunctions.Softmax(this, axis, log: false);

    /// <summary>Log-softmax along <paramref name="axis"/>: <c>x − max − log Σ exp(x − max)</c>.</summary>
    public Tensor LogSoftmax(int axis = -1) => ReductionFunctions.Softmax(this, axis, log: true);

    /// <summary>Running sum along <paramref name="axis"/>: <c>yᵢ = Σ_{j≤i} xⱼ</c>.</summary>
    public Tensor CumSum(int axis) => ReductionFunctions.CumSum(this, axis, reverse: false);

    /// <summary>Any and all read any dtype as PyTorch does: non-zero is true.</summary>
    private Tensor ToBoolForLogic(string op)
    {
        Backends.Dispatch.RequireCpu(op, this);
        return To(DType.Bool, record: false);
    }

    private int CountOver(ReadOnlySpan<int> axes)
    {
        if (axes.IsEmpty)
        {
            return Numel;
        }

        long n = 1;
        foreach (var a in axes)
        {
            n *= ShapeArray[Shape.NormalizeAxis("reduce", a, Rank)]; // a sub-product of Numel: fits
        }

        return (int)n;
    }

    private int[] ReducedShape(ReadOnlySpan<int> axes)
    {
        Span<bool> reduced = stackalloc bool[Math.Max(Rank, 1)];
        reduced.Fill(axes.IsEmpty);
        foreach (var a in axes)
        {
            reduced[Shape.NormalizeAxis("reduce", a, Rank)] = true;
        }

        var shape = new List<int>(Rank);
        for (var i = 0; i < Rank; i++)
        {
            if (!reduced[i])
            {
                shape.Add(ShapeArray[i]);
            }
        }

        return shape.ToArray();
    }
}
