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
