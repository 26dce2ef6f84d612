using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Backends;

internal static partial class Dispatch
{
    /// <summary>
    /// Folds <paramref name="x"/> into <paramref name="d"/> (contiguous, laid out as <paramref name="keepShape"/>).
    /// Float uses the SIMD kernels; int64 sums, maxes and mins exactly; bool takes Any (max) and All (min).
    /// </summary>
    public static void Reduce(string name, ReduceOp op, Tensor x, Tensor d, int[] keepShape)
    {
        RequireCpu(name, x);
        switch (x.DType)
        {
            case DType.Float32: ReductionKernels.Reduce<float>(op, x, d, keepShape); return;
            case DType.Float64: ReductionKernels.Reduce<double>(op, x, d, keepShape); return;
            case DType.Int64:
                switch (op)
                {
                    case ReduceOp.Sum: Fold<long, AddOp<long>>(x, d, keepShape); return;
                    case ReduceOp.Max: Fold<long, MaxOp<long>>(x, d, keepShape); return;
                    default: Fold<long, MinOp<long>>(x, d, keepShape); return;
                }

            default:
                switch (op)
                {
                    case ReduceOp.Max: Fold<bool, OrOp>(x, d, keepShape); return;
                    case ReduceOp.Min: Fold<bool, AndOp>(x, d, keepShape); return;
                    default: throw new InvalidOperationException($"{name}: a bool sum is counted in int64; the caller converts first.");
                }
        }
    }

    /// <summary>The product over the axes for int64 (exact, wrapping on overflow as PyTorch).</summary>
    public static void ProductInt64(Tensor x, Tensor d, int[] keepShape) => Fold<long, MulOp<long>>(x, d, keepShape);

    /// <summary>
    /// Index of the first maximum (or minimum) of each contiguous row of <paramref name="cols"/> elements into
    /// the int64 <paramref name="indices"/>; NaN counts as the maximum (and the minimum), as in PyTorch.
    /// </summary>
    public static void ArgRows(Tensor x, Span<long> indices, int cols, bool max)
    {
        RequireCpu(max ? "argmax" : "argmin", x);
        switch (x.DType)
        {
            case DType.Float32: IndexKernels.ArgRows(new ReadOnlySpan<float>(x.Data<float>(), x.Offset, x.Numel), indices, cols, max); break;
            case DType.Float64: IndexKernels.ArgRows(new ReadOnlySpan<double>(x.Data<double>(), x.Offset, x.Numel), indices, cols, max); break;
            case DType.Int64: IndexKernels.ArgRows(new ReadOnlySpan<long>(x.Data<long>(), x.Offset, x.Numel), indices, cols, max); break;
            default: throw new ArgumentException($"{(max ? "argmax" : "argmin")}: not defined for bool tensors (shape {x.Shape}); convert with To(DType.Int64).");
        }
    }

    private static void Fold<T, TOp>(Tensor x, Tensor d, int[] keepShape)
        where T : unmanaged
        where TOp : struct, ICombine<T>
    {
        var dd = d.Data<T>();
        new Span<T>(dd, d.Offset, d.Numel).Fill(TOp.Identity);
        if (x.Numel == 0)
        {
            return;
        }

        var rank = x.Rank;
        Span<int> strides = stackalloc int[2 * rank];
        Broadcasting.ReductionStridesInto(x, keepShape, strides);

        Span<int> offsets = [x.Offset, d.Offset];
        TypedElementwiseKernels.Reduce<T, TOp>(x.Data<T>(), dd, x.ShapeArray, strides, offsets);
    }
}
