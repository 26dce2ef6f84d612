using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Gradwire.IO;

/// <summary>
/// One named entry of a safetensors file: a dtype, a shape and the raw little-endian bytes of its elements in
/// row-major order (<c>ElementCount × size(dtype)</c> bytes).
/// </summary>
public sealed class SafetensorsTensor
{
    private readonly byte[] _data;
    private readonly int[] _shape;

    /// <summary>Creates an entry from raw little-endian bytes (copied).</summary>
    /// <param name="name">Tensor name: non-empty, and not <c>__metadata__</c>.</param>
    /// <param name="dtype">Element type.</param>
    /// <param name="shape">Dimensions (each ≥ 0; empty for a scalar).</param>
    /// <param name="data">Exactly <c>product(shape) × size(dtype)</c> bytes.</param>
    /// <exception cref="ArgumentException">The name, dtype, shape or byte length is invalid.</exception>
    public SafetensorsTensor(string name, SafetensorsDType dtype, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data)
        : this(name, dtype, shape.ToArray(), data.ToArray())
    {
    }

    private SafetensorsTensor(string name, SafetensorsDType dtype, int[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name == SafetensorsFile.MetadataKey)
            throw new ArgumentException($"'{name}' is not a valid tensor name (empty and '{SafetensorsFile.MetadataKey}' are reserved).", nameof(name));
        if (!Enum.IsDefined(dtype))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, $"Tensor '{name}': unknown dtype.");
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"Tensor '{name}': negative dimension in shape [{string.Join(", ", shape)}].", nameof(shape));
            count = checked(count * d);
        }

        long expected = checked(count * SafetensorsDTypes.Size(dtype));
        if (data.Length != expected)
            throw new ArgumentException(
                $"Tensor '{name}': {data.Length} bytes for shape [{string.Join(", ", shape)}] of {SafetensorsDTypes.HeaderName(dtype)}; expected {expected}.",
                nameof(data));
        Name = name;
        DType = dtype;
        _shape = shape;
        _data = data;
        ElementCount = count;
    }

    /// <summary>The tensor's name (its key in the header).</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafetensorsDType DType { get; }

    /// <summary>The dimensions, row-major; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The raw little-endian element bytes.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>An <c>F32</c> entry holding <paramref name="values"/>.</summary>
    public static SafetensorsTensor FromSingles(string name, ReadOnlySpan<int> shape, ReadOnlySpan<float> values) =>
        new(name, SafetensorsDType.F32, shape.ToArray(), ToLittleEndianBytes(values));

    /// <summary>An <c>F64</c> entry holding <paramref name="values"/>.</summary>
    public static SafetensorsTensor FromDoubles(string name, ReadOnlySpan<int> shape, ReadOnlySpan<double> values) =>
        new(name, SafetensorsDType.F64, shape.ToArray(), ToLittleEndianBytes(values));

    /// <summary>An <c>I64</c> entry holding <paramref name="values"/>.</summary>
    public static SafetensorsTensor FromInt64(string name, ReadOnlySpan<int> shape, ReadOnlySpan<long> values) =>
        new(name, SafetensorsDType.I64, shape.ToArray(), ToLittleEndianBytes(values));

    /// <summary>An <c>I32</c> entry holding <paramref name="values"/>.</summary>
    public static SafetensorsTensor FromInt32(string name, ReadOnlySpan<int> shape, ReadOnlySpan<int> values) =>
        new(name, SafetensorsDType.I32, shape.ToArray(), ToLittleEndianBytes(values));

    /// <summary>The elements of an <c>F32</c> entry.</summary>
    /// <exception cref="InvalidOperationException">The entry has another dtype (no silent conversion).</exception>
    public float[] ToSingles() => FromLittleEndianBytes<float>(SafetensorsDType.F32);

    /// <summary>The elements of an <c>F64</c> entry.</summary>
    /// <exception cref="InvalidOperationException">The entry has another dtype.</exception>
    public double[] ToDoubles() => FromLittleEndianBytes<double>(SafetensorsDType.F64);

    /// <summary>The elements of an <c>I64</c> entry.</summary>
    /// <exception cref="InvalidOperationException">The entry has another dtype.</exception>
    public long[] ToInt64() => FromLittleEndianBytes<long>(SafetensorsDType.I64);

    /// <summary>The elements of an <c>I32</c> entry.</summary>
    /// <exception cref="InvalidOperationException">The entry has another dtype.</exception>
    public int[] ToInt32() => FromLittleEndianBytes<int>(SafetensorsDType.I32);

    /// <summary>Whether the dtype holds floating-point numbers (F8_E5M2, F8_E4M3, F16, BF16, F32, F64).</summary>
    public bool IsFloatingPoint => DType is SafetensorsDType.F8E5M2 or SafetensorsDType.F8E4M3 or SafetensorsDType.F16 or SafetensorsDType.BF16
        or SafetensorsDType.F32 or SafetensorsDType.F64;

    /// <summary>
    /// The elements as double, converted from any dtype: floats exactly (F16, BF16 and the F8 formats widen without
    /// rounding), integers exactly up to 2^53, BOOL as 0/1.
    /// </summary>
    public double[] ToDoublesConverted()
    {
        var n = checked((int)ElementCount);
        var values = new double[n];
        var d = _data.AsSpan();
        for (int i = 0; i < n; i++)
        {
            values[i] = DType switch
            {
                SafetensorsDType.Bool => d[i] != 0 ? 1 : 0,
                SafetensorsDType.U8 => d[i],
                SafetensorsDType.I8 => (sbyte)d[i],
                SafetensorsDType.F8E5M2 => (double)BitConverter.UInt16BitsToHalf((ushort)(d[i] << 8)),
                SafetensorsDType.F8E4M3 => Float8E4M3(d[i]),
                SafetensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(d[(2 * i)..]),
                SafetensorsDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(d[(2 * i)..]),
                SafetensorsDType.F16 => (double)BinaryPrimitives.ReadHalfLittleEndian(d[(2 * i)..]),
                // bfloat16 is the high half of a float32.
                SafetensorsDType.BF16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(d[(2 * i)..]) << 16),
                SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(d[(4 * i)..]),
                SafetensorsDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(d[(4 * i)..]),
                SafetensorsDType.F32 => BinaryPrimitives.ReadSingleLittleEndian(d[(4 * i)..]),
                SafetensorsDType.F64 => BinaryPrimitives.ReadDoubleLittleEndian(d[(8 * i)..]),
                SafetensorsDType.I64 => BinaryPrimitives.ReadInt64LittleEndian(d[(8 * i)..]),
                SafetensorsDType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(d[(8 * i)..]),
                _ => throw new InvalidOperationException($"Tensor '{Name}': dtype {DType} has no conversion."),
            };
        }

        return values;
    }

    /// <summary>The elements of an integer or BOOL entry as Int64 (exact; U64 above <see cref="long.MaxValue"/> is refused).</summary>
    /// <exception cref="InvalidOperationException">The entry is floating point, or a U64 value does not fit.</exception>
    public long[] ToInt64Converted()
    {
        if (IsFloatingPoint)
            throw new InvalidOperationException($"Tensor '{Name}' is {SafetensorsDTypes.HeaderName(DType)}, not an integer or BOOL dtype.");
        if (DType == SafetensorsDType.I64) return ToInt64();
        var n = checked((int)ElementCount);
        var values = new long[n];
        var d = _data.AsSpan();
        for (int i = 0; i < n; i++)
        {
            values[i] = DType switch
            {
                SafetensorsDType.U64 => BinaryPrimitives.ReadUInt64LittleEndian(d[(8 * i)..]) is var u && u <= long.MaxValue
                    ? (long)u
                    : throw new InvalidOperationException($"Tensor '{Name}': U64 element {i} does not fit in Int64."),
                _ => (long)ToDoubleAt(d, i),
            };
        }

        return values;
    }

    private double ToDoubleAt(ReadOnlySpan<byte> d, int i) => DType switch
    {
        SafetensorsDType.Bool => d[i] != 0 ? 1 : 0,
        SafetensorsDType.U8 => d[i],
        SafetensorsDType.I8 => (sbyte)d[i],
        SafetensorsDType.I16 => BinaryPrimitives.ReadInt16LittleEndian(d[(2 * i)..]),
        SafetensorsDType.U16 => BinaryPrimitives.ReadUInt16LittleEndian(d[(2 * i)..]),
        SafetensorsDType.I32 => BinaryPrimitives.ReadInt32LittleEndian(d[(4 * i)..]),
        SafetensorsDType.U32 => BinaryPrimitives.ReadUInt32LittleEndian(d[(4 * i)..]),
        _ => throw new InvalidOperationException($"Tensor '{Name}': dtype {DType} is not a small integer."),
    };

    // OCP FP8 E4M3 (the "fn" variant safetensors uses): 1 sign, 4 exponent (bias 7), 3 mantissa; S.1111.111 is NaN, no infinities.
    private static double Float8E4M3(byte b)
    {
        int sign = (b & 0x80) != 0 ? -1 : 1, exponent = (b >> 3) & 0xF, mantissa = b & 7;
        if (exponent == 0xF && mantissa == 7) return double.NaN;
        return exponent == 0 ? sign * mantissa / 8.0 * Math.Pow(2, -6) : sign * (1 + mantissa / 8.0) * Math.Pow(2, exponent - 7);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {SafetensorsDTypes.HeaderName(DType)}[{string.Join(", ", _shape)}]";

    /// <summary>Wraps bytes already validated against the shape (the reader's path: no copy).</summary>
    internal static SafetensorsTensor FromValidated(string name, SafetensorsDType dtype, int[] shape, byte[] data) =>
        new(name, dtype, shape, data);

    private static byte[] ToLittleEndianBytes<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        byte[] bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (!BitConverter.IsLittleEndian) ReverseEach(bytes, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return bytes;
    }

    private T[] FromLittleEndianBytes<T>(SafetensorsDType expected)
        where T : unmanaged
    {
        if (DType != expected)
            throw new InvalidOperationException(
                $"Tensor '{Name}' is {SafetensorsDTypes.HeaderName(DType)}, not {SafetensorsDTypes.HeaderName(expected)}.");
        var values = new T[ElementCount];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        _data.CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) ReverseEach(bytes, System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        return values;
    }

    private static void ReverseEach(Span<byte> bytes, int size)
    {
        for (int i = 0; i < bytes.Length; i += size) bytes.Slice(i, size).Reverse();
    }
}
