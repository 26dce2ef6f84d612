namespace Gradwire.IO;

/// <summary>Element types of the safetensors format, named as in its JSON header (<c>"F32"</c>, <c>"I64"</c>, ...).</summary>
public enum SafetensorsDType
{
    /// <summary><c>BOOL</c>: one byte, 0 or 1.</summary>
    Bool,

    /// <summary><c>U8</c>: unsigned 8-bit integer.</summary>
    U8,

    /// <summary><c>I8</c>: signed 8-bit integer.</summary>
    I8,

    /// <summary><c>F8_E5M2</c>: 8-bit float, 5 exponent and 2 mantissa bits.</summary>
    F8E5M2,

    /// <summary><c>F8_E4M3</c>: 8-bit float, 4 exponent and 3 mantissa bits.</summary>
    F8E4M3,

    /// <summary><c>I16</c>: signed 16-bit integer.</summary>
    I16,

    /// <summary><c>U16</c>: unsigned 16-bit integer.</summary>
    U16,

    /// <summary><c>F16</c>: IEEE half precision.</summary>
    F16,

    /// <summary><c>BF16</c>: bfloat16.</summary>
    BF16,

    /// <summary><c>I32</c>: signed 32-bit integer.</summary>
    I32,

    /// <summary><c>U32</c>: unsigned 32-bit integer.</summary>
    U32,

    /// <summary><c>F32</c>: IEEE single precision.</summary>
    F32,

    /// <summary><c>F64</c>: IEEE double precision.</summary>
    F64,

    /// <summary><c>I64</c>: signed 64-bit integer.</summary>
    I64,

    /// <summary><c>U64</c>: unsigned 64-bit integer.</summary>
    U64,
}

/// <summary>The dtype table: header names and element sizes.</summary>
/// <remarks>
/// NOTE: the enum's declaration order is the reference library's <c>Dtype</c> order; its writer lays tensors out
/// by descending dtype in that order, then by name, and so does ours, which makes our files byte-identical.
/// </remarks>
internal static class SafetensorsDTypes
{
    private static readonly string[] Names =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    private static readonly int[] Sizes = [1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 8, 8, 8];

    public static string HeaderName(SafetensorsDType dtype) => Names[(int)dtype];

    public static int Size(SafetensorsDType dtype) => Sizes[(int)dtype];

    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        int index = Array.IndexOf(Names, name);
        dtype = (SafetensorsDType)Math.Max(index, 0);
        return index >= 0;
    }

    public static string Known => string.Join(", ", Names);
}
