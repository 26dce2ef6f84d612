using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Backends;

internal static partial class Dispatch
{
    /// <summary><c>y[i] = x.storage[positions[i]]</c> into the contiguous <paramref name="y"/> (same dtype), any dtype.</summary>
    public static void GatherAt(Tensor x, ReadOnlySpan<int> positions, Tensor y)
    {
        RequireCpu("gather", x);
        var n = positions.Length;
        switch (x.DType)
        {
            case DType.Float32: GatherKernels.Gather(x.Data<float>(), positions, new Span<float>(y.Data<float>(), y.Offset, n)); break;
            case DType.Float64: GatherKernels.Gather(x.Data<double>(), positions, new Span<double>(y.Data<double>(), y.Offset, n)); break;
            case DType.Int64: GatherKernels.Gather(x.Data<long>(), positions, new Span<long>(y.Data<long>(), y.Offset, n)); break;
            default: GatherKernels.Gather(x.Data<bool>(), positions, new Span<bool>(y.Data<bool>(), y.Offset, n)); break;
        }
    }

    /// <summary><c>y.storage[positions[i]] += src[i]</c>, <paramref name="src"/> contiguous; float and int64.</summary>
    public static void ScatterAddAt(Tensor y, ReadOnlySpan<int> positions, Tensor src)
    {
        RequireCpu("scatter_add", y);
        var n = positions.Length;
        switch (y.DType)
        {
            case DType.Float32: GatherKernels.ScatterAdd(y.Data<float>(), positions, new ReadOnlySpan<float>(src.Data<float>(), src.Offset, n)); break;
            case DType.Float64: GatherKernels.ScatterAdd(y.Data<double>(), positions, new ReadOnlySpan<double>(src.Data<double>(), src.Offset, n)); break;
            case DType.Int64: GatherKernels.ScatterAdd(y.Data<long>(), positions, new ReadOnlySpan<long>(src.Data<long>(), src.Offset, n)); break;
            default: throw new ArgumentException($"scatter_add: not defined for bool tensors (shape {y.Shape}); convert with To(DType.Int64).");
        }
    }

    /// <summary>Stable sort of each contiguous row of <paramref name="x"/>: values into <paramref name="values"/>, source positions into <paramref name="indices"/>.</summary>
    public static void SortRows(string op, Tensor x, Tensor values, Span<long> indices, int cols, bool descending)
    {
        RequireCpu(op, x);
        var n = x.Numel;
        switch (x.DType)
        {
            case DType.Float32: IndexKernels.SortRows(new ReadOnlySpan<float>(x.Data<float>(), x.Offset, n), new Span<float>(values.Data<float>(), values.Offset, n), indices, cols, descending); break;
            case DType.Float64: IndexKernels.SortRows(new ReadOnlySpan<double>(x.Data<double>(), x.Offset, n), new Span<double>(values.Data<double>(), values.Offset, n), indices, cols, descending); break;
            case DType.Int64: IndexKernels.SortRows(new ReadOnlySpan<long>(x.Data<long>(), x.Offset, n), new Span<long>(values.Data<long>(), values.Offset, n), indices, cols, descending); break;
            default: throw new ArgumentException($"{op}: not defined for bool tensors (shape {x.Shape}); convert with To(DType.Int64).");
        }
    }
}
