namespace Gradwire.Tensors;

/// <summary>The element type of a <see cref="Tensor"/>.</summary>
public enum DType
{
    /// <summary>32-bit IEEE 754 floating point, the default.</summary>
    Float32,

    /// <summary>64-bit IEEE 754 floating point, for gradient checks and precise work.</summary>
    Float64,

    /// <summary>64-bit signed integers: indices, labels, counts (PyTorch's <c>torch.int64</c> / <c>long</c>).</summary>
    Int64,

    /// <summary>Booleans: the result of comparisons, masks for <c>Where</c> and <c>MaskedFill</c>.</summary>
    Bool,
}

/// <summary>Names and sizes of <see cref="DType"/> values, as they appear in messages and output.</summary>
public static class DTypeExtensions
{
    /// <summary>The lower-case name used in messages and <c>ToString()</c>: <c>float32</c>, <c>float64</c>, <c>int64</c> or <c>bool</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        _ => $"dtype({(int)dtype})",
    };

    /// <summary>Bytes per element: 4, 8, 8 or 1.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float32 => 4,
        DType.Bool => 1,
        _ => 8,
    };

    /// <summary>True for float32 and float64: the dtypes that can require gradients.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;
}
