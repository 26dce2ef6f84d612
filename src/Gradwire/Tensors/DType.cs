namespace Gradwire.Tensors;

/// <summary>The element type of a <see cref="Tensor"/>.</summary>
public enum DType
{
    /// <summary>32-bit IEEE 754 floating point, the default.</summary>
    Float32,

    /// <summary>64-bit IEEE 754 floating point, for gradient checks and precise work.</summary>
    Float64,
}

/// <summary>Names and sizes of <see cref="DType"/> values, as they appear in messages and output.</summary>
public static class DTypeExtensions
{
    /// <summary>The lower-case name used in messages and <c>ToString()</c>: <c>float32</c> or <c>float64</c>.</summary>
    public static string Name(this DType dtype) => dtype == DType.Float32 ? "float32" : "float64";

    /// <summary>Bytes per element: 4 or 8.</summary>
    public static int ElementSize(this DType dtype) => dtype == DType.Float32 ? 4 : 8;
}
