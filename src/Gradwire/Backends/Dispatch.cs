using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Backends;

/// <summary>
/// The one place where a tensor op's dtype picks a kernel instantiation. Ops call it with tensors; it checks
/// the device, finds the element type, and hands spans to the kernels. A dtype an op does not support is
/// refused here with a message that names the op and the dtype.
/// </summary>
internal static partial class Dispatch
{
    /// <summary><c>y = (y.DType)x</c> element-wise; <paramref name="x"/> contiguous, <paramref name="y"/> fresh and contiguous, equal sizes.</summary>
    public static void Convert(Tensor x, Tensor y)
    {
        RequireCpu("to", x);
        var n = x.Numel;
        switch (x.DType)
        {
            case DType.Float32: ConvertFrom(new ReadOnlySpan<float>(x.Data<float>(), x.Offset, n), y); break;
            case DType.Float64: ConvertFrom(new ReadOnlySpan<double>(x.Data<double>(), x.Offset, n), y); break;
            case DType.Int64: ConvertFrom(new ReadOnlySpan<long>(x.Data<long>(), x.Offset, n), y); break;
            default: ConvertFrom(new ReadOnlySpan<bool>(x.Data<bool>(), x.Offset, n), y); break;
        }
    }

    /// <summary>Throws unless <paramref name="x"/> lives in host memory: the CPU backend is the only one.</summary>
    public static void RequireCpu(string op, Tensor x)
    {
        if (!x.Device.IsCpu)
        {
            throw new InvalidOperationException(
                $"{op}: the tensor (shape {x.Shape}, {x.DType.Name()}) is on device {x.Device}, which has no backend; move it with To(Device.Cpu).");
        }
    }

    /// <summary>Throws unless <paramref name="x"/> is float32 or float64 (transcendental functions, matmul, softmax, ...).</summary>
    public static void RequireFloat(string op, Tensor x)
    {
        if (!x.DType.IsFloatingPoint())
        {
            throw new ArgumentException(
                $"{op}: not defined for {x.DType.Name()} tensors (shape {x.Shape}); it needs float32 or float64: convert with To(DType.Float32).");
        }
    }

    private static void ConvertFrom<TFrom>(ReadOnlySpan<TFrom> x, Tensor y)
        where TFrom : unmanaged
    {
        var n = x.Length;
        switch (y.DType)
        {
            case DType.Float32: ConvertKernels.Convert(x, new Span<float>(y.Data<float>(), y.Offset, n)); break;
            case DType.Float64: ConvertKernels.Convert(x, new Span<double>(y.Data<double>(), y.Offset, n)); break;
            case DType.Int64: ConvertKernels.Convert(x, new Span<long>(y.Data<long>(), y.Offset, n)); break;
            default: ConvertKernels.Convert(x, new Span<bool>(y.Data<bool>(), y.Offset, n)); break;
        }
    }
}
