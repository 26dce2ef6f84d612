using Gradwire.Kernels;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32) => Full(shape, 0, dtype);

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(Shape shape, DType dtype = DType.Float32) => Full(shape, 1, dtype);

    /// <summary>
    /// A tensor with every element equal to <paramref name="value"/>. For int64 the value must be a whole
    /// number (exact up to 2⁵³; use <see cref="FromArray(ReadOnlySpan{long}, Shape)"/> beyond); for bool any
    /// non-zero value is true.
    /// </summary>
    public static Tensor Full(Shape shape, double value, DType dtype = DType.Float32)
    {
        if (dtype == DType.Int64 && value != Math.Truncate(value))
        {
            throw new ArgumentException($"full: value {value} is not a whole number, so it does not fit dtype int64; pass a float dtype or round it first.");
        }

        _ = Shape.CheckedNumel(value == 0 ? "zeros" : value == 1 ? "ones" : "full", shape.Array);
        var t = Empty(shape.Array, dtype);
        t.FillUnchecked(value);
        return t;
    }

    /// <summary>A rank-0 tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full(Shape.Scalar, value, dtype);

    /// <summary>Zeros with <paramref name="like"/>'s shape and dtype.</summary>
    public static Tensor ZerosLike(Tensor like) => Full(like.Shape, 0, like.DType);

    /// <summary>Ones with <paramref name="like"/>'s shape and dtype.</summary>
    public static Tensor OnesLike(Tensor like) => Full(like.Shape, 1, like.DType);

    /// <summary><paramref name="value"/> everywhere, with <paramref name="like"/>'s shape and dtype.</summary>
    public static Tensor FullLike(Tensor like, double value) => Full(like.Shape, value, like.DType);

    /// <summary><c>[0, 1, ..., ⌈end⌉ − 1]</c>: the numbers from 0 up to (not including) <paramref name="end"/>.</summary>
    public static Tensor Arange(double end, DType dtype = DType.Float32) => Arange(0, end, 1, dtype);

    /// <summary><c>start, start + step, ...</c> up to (not including) <paramref name="end"/>.</summary>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Float32)
    {
        if (step == 0 || !double.IsFinite(step) || !double.IsFinite(start) || !double.IsFinite(end))
        {
            throw new ArgumentException($"arange: start {start}, end {end} and step {step} must be finite and step non-zero.");
        }

        if (dtype == DType.Bool)
        {
            throw new ArgumentException("arange: not defined for dtype bool; use int64 or a float dtype.");
        }

        var exact = Math.Ceiling((end - start) / step);
        if (exact > Shape.MaxElements)
        {
            throw new ArgumentException(
                $"arange: start {start}, end {end} and step {step} give {exact:R} elements; one tensor holds at most {Shape.MaxElements} " +
                "(the longest .NET array). Use a larger step or a shorter range.");
        }

        var count = Math.Max(0, (int)exact);
        var t = Empty([count], dtype);
        if (dtype == DType.Int64)
        {
            // As torch.arange with an integer dtype: the values are start + i·step, truncated (exact for whole inputs).
            var data = t.Data<long>();
            for (var i = 0; i < count; i++)
            {
                data[i] = long.CreateSaturating(start + i * step);
            }

            return t;
        }

        for (var i = 0; i < count; i++)
        {
            t.SetFlat(i, start + i * step);
        }

        return t;
    }

    /// <summary><paramref name="steps"/> evenly spaced numbers from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    public static Tensor Linspace(double start, double end, int steps, DType dtype = DType.Float32)
    {
        if (steps < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"linspace: steps must be 0 or more, not {steps}.");
        }

        var t = Empty([steps], dtype);
        var delta = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (var i = 0; i < steps; i++)
        {
            t.SetFlat(i, i == steps - 1 && steps > 1 ? end : start + i * delta);
        }

        return t;
    }

    /// <summary>The identity matrix with <paramref name="rows"/> rows and <paramref name="columns"/> (default: as many) columns.</summary>
    public static Tensor Eye(int rows, int columns = -1, DType dtype = DType.Float32)
    {
        if (columns < 0)
        {
            columns = rows;
        }

        var t = Zeros([rows, columns], dtype);
        for (var i = 0; i < Math.Min(rows, columns); i++)
        {
            t.SetFlat(i * columns + i, 1);
        }

        return t;
    }

    /// <summary>A float32 vector holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data) => FromArray(data, [data.Length]);

    /// <summary>A float64 vector holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<double> data) => FromArray(data, [data.Length]);

    /// <summary>A float32 tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> (row-major).</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, Shape shape) => CopyOf(data, shape, DType.Float32);

    /// <summary>A float64 tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> (row-major).</summary>
    public static Tensor FromArray(ReadOnlySpan<double> data, Shape shape) => CopyOf(data, shape, DType.Float64);

    /// <summary>An int64 vector holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<long> data) => FromArray(data, [data.Length]);

    /// <summary>An int64 tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> (row-major).</summary>
    public static Tensor FromArray(ReadOnlySpan<long> data, Shape shape) => CopyOf(data, shape, DType.Int64);

    /// <summary>A bool vector holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(ReadOnlySpan<bool> data) => FromArray(data, [data.Length]);

    /// <summary>A bool tensor of <paramref name="shape"/> holding a copy of <paramref name="data"/> (row-major).</summary>
    public static Tensor FromArray(ReadOnlySpan<bool> data, Shape shape) => CopyOf(data, shape, DType.Bool);

    /// <summary>A float32 matrix holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(float[,] data)
    {
        var t = Empty([data.GetLength(0), data.GetLength(1)], DType.Float32);
        if (data.Length > 0)
        {
            System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length).CopyTo(t.Data<float>());
        }

        return t;
    }

    /// <summary>A float64 matrix holding a copy of <paramref name="data"/>.</summary>
    public static Tensor FromArray(double[,] data)
    {
        var t = Empty([data.GetLength(0), data.GetLength(1)], DType.Float64);
        if (data.Length > 0)
        {
            System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length).CopyTo(t.Data<double>());
        }

        return t;
    }

    /// <summary>A new tensor of <paramref name="dtype"/> (whose element type is <typeparamref name="T"/>) holding a copy of <paramref name="data"/>.</summary>
    private static Tensor CopyOf<T>(ReadOnlySpan<T> data, Shape shape, DType dtype)
        where T : unmanaged
    {
        CheckLength(data.Length, shape);
        var t = Empty(shape.Array, dtype);
        data.CopyTo(t.Data<T>());
        return t;
    }

    private static void CheckLength(int length, Shape shape)
    {
        if (!Shape.Fits(shape.Array) || length != shape.Numel)
        {
            throw new ArgumentException(
                $"FromArray: {length} values cannot fill shape {shape}, which has {Shape.DescribeCount(shape.Array)} elements.");
        }
    }

    /// <summary>Fills without autograd checks (fresh tensors).</summary>
    internal void FillUnchecked(double value)
    {
        switch (DType)
        {
            case DType.Float32: ElementwiseKernels.Fill(this, (float)value); break;
            case DType.Float64: ElementwiseKernels.Fill(this, value); break;
            case DType.Int64: ElementwiseKernels.Fill(this, long.CreateSaturating(value)); break;
            default: ElementwiseKernels.Fill(this, value != 0); break;
        }
    }
}
