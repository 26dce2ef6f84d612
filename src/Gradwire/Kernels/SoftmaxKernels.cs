using System.Numerics;
using System.Numerics.Tensors;

namespace Gradwire.Kernels;

/// <summary>
/// Softmax and log-softmax over contiguous rows, numerically stable (the row maximum is subtracted before
/// <c>exp</c>), and their fused backward passes. Rows split across cores when the tensor is large. The naive
/// twin is <see cref="SoftmaxReference"/>.
/// </summary>
internal static class SoftmaxKernels
{
    /// <summary>
    /// <c>y = softmax(x)</c> per row: <c>exp(x − max) / Σ exp(x − max)</c>; with <paramref name="log"/>,
    /// <c>y = x − max − log Σ exp(x − max)</c>.
    /// </summary>
    public static void Forward<T>(T[] x, int xOffset, T[] y, int yOffset, int rows, int cols, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cols == 0)
        {
            return;
        }

        var chunks = Math.Min(Parallelism.ChunksFor((long)rows * cols), rows);
        if (chunks <= 1)
        {
            ForwardRows(x, xOffset, y, yOffset, 0, rows, cols, log);
            return;
        }

        ForwardParallel(x, xOffset, y, yOffset, rows, cols, log, chunks);
    }

    private static void ForwardParallel<T>(T[] x, int xOffset, T[] y, int yOffset, int rows, int cols, bool log, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallelism.For(chunks, c => ForwardRows(
            x, xOffset, y, yOffset, (int)((long)rows * c / chunks), (int)((long)rows * (c + 1) / chunks), cols, log));

    private static void ForwardRows<T>(T[] x, int xOffset, T[] y, int yOffset, int first, int end, int cols, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var r = first; r < end; r++)
        {
            Row(new ReadOnlySpan<T>(x, xOffset + r * cols, cols), new Span<T>(y, yOffset + r * cols, cols), log);
        }
    }

    /// <summary>
    /// Backward per row. Softmax: <c>gx = y ⊙ (g − ⟨g, y⟩)</c>. Log-softmax: <c>gx = g − exp(y) · Σ g</c>.
    /// </summary>
    public static void Backward<T>(T[] g, int gOffset, T[] y, int yOffset, T[] gx, int gxOffset, int rows, int cols, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cols == 0)
        {
            return;
        }

        var chunks = Math.Min(Parallelism.ChunksFor((long)rows * cols), rows);
        if (chunks <= 1)
        {
            BackwardRows(g, gOffset, y, yOffset, gx, gxOffset, 0, rows, cols, log);
            return;
        }

        BackwardParallel(g, gOffset, y, yOffset, gx, gxOffset, rows, cols, log, chunks);
    }

    private static void BackwardParallel<T>(T[] g, int gOffset, T[] y, int yOffset, T[] gx, int gxOffset, int rows, int cols, bool log, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallelism.For(chunks, c => BackwardRows(
            g, gOffset, y, yOffset, gx, gxOffset, (int)((long)rows * c / chunks), (int)((long)rows * (c + 1) / chunks), cols, log));

    private static void BackwardRows<T>(T[] g, int gOffset, T[] y, int yOffset, T[] gx, int gxOffset, int first, int end, int cols, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var r = first; r < end; r++)
        {
            var gr = new ReadOnlySpan<T>(g, gOffset + r * cols, cols);
            var yr = new ReadOnlySpan<T>(y, yOffset + r * cols, cols);
            var dr = new Span<T>(gx, gxOffset + r * cols, cols);
            if (log)
            {
                var sum = TensorPrimitives.Sum(gr);
                TensorPrimitives.Exp(yr, dr);
                TensorPrimitives.MultiplyAdd(dr, -sum, gr, dr);
            }
            else
            {
                var dot = TensorPrimitives.Dot(gr, yr);
                TensorPrimitives.Subtract(gr, dot, dr);
                TensorPrimitives.Multiply(dr, yr, dr);
            }
        }
    }

    private static void Row<T>(ReadOnlySpan<T> x, Span<T> y, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var max = TensorPrimitives.Max(x);
        if (T.IsNegativeInfinity(max))
        {
            // Every entry is −∞: the distribution is undefined, as in PyTorch.
            y.Fill(T.NaN);
            return;
        }

        TensorPrimitives.Subtract(x, max, y);
        TensorPrimitives.Exp(y, y);
        var sum = TensorPrimitives.Sum(y);
        if (log)
        {
            TensorPrimitives.Subtract(x, max + T.Log(sum), y);
        }
        else
        {
            TensorPrimitives.Divide(y, sum, y);
        }
    }
}

/// <summary>The naive twin of <see cref="SoftmaxKernels"/>, in double precision, one element at a time.</summary>
internal static class SoftmaxReference
{
    public static void Forward(ReadOnlySpan<double> x, Span<double> y, int rows, int cols, bool log)
    {
        for (var r = 0; r < rows; r++)
        {
            var max = double.NegativeInfinity;
            for (var i = 0; i < cols; i++)
            {
                max = Math.Max(max, x[r * cols + i]);
            }

            var sum = 0.0;
            for (var i = 0; i < cols; i++)
            {
                sum += Math.Exp(x[r * cols + i] - max);
            }

            for (var i = 0; i < cols; i++)
            {
                var v = x[r * cols + i] - max;
                y[r * cols + i] = log ? v - Math.Log(sum) : Math.Exp(v) / sum;
            }
        }
    }
}
