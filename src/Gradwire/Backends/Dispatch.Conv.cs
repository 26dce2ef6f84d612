using System.Numerics;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Backends;

internal static partial class Dispatch
{
    /// <summary>im2col of every sample: contiguous <paramref name="x"/> [N, C, H, W] into contiguous <paramref name="cols"/> [N, C·kh·kw, OH·OW], threads across the batch.</summary>
    public static void Im2Col(Tensor x, Tensor cols, int batch, ConvGeometry g)
    {
        RequireCpu("unfold", x);
        RequireFloat("unfold", x);
        var chunks = BatchChunks(batch, (long)g.ColumnRows * g.ColumnCols);
        if (x.DType == DType.Float32)
        {
            var xs = x.Data<float>();
            var cs = cols.Data<float>();
            int xo = x.Offset, co = cols.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    ConvKernels.Im2Col<float>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), cs.AsSpan(co + (s * g.ColumnRows * g.ColumnCols), g.ColumnRows * g.ColumnCols), g);
                }
            });
        }
        else
        {
            var xs = x.Data<double>();
            var cs = cols.Data<double>();
            int xo = x.Offset, co = cols.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    ConvKernels.Im2Col<double>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), cs.AsSpan(co + (s * g.ColumnRows * g.ColumnCols), g.ColumnRows * g.ColumnCols), g);
                }
            });
        }
    }

    /// <summary>col2im of every sample: contiguous <paramref name="cols"/> [N, C·kh·kw, OH·OW] summed into the fresh contiguous <paramref name="x"/> [N, C, H, W] (zeroed here).</summary>
    public static void Col2Im(Tensor cols, Tensor x, int batch, ConvGeometry g)
    {
        RequireCpu("fold", cols);
        RequireFloat("fold", cols);
        var chunks = BatchChunks(batch, (long)g.ColumnRows * g.ColumnCols);
        if (x.DType == DType.Float32)
        {
            var xs = x.Data<float>();
            var cs = cols.Data<float>();
            int xo = x.Offset, co = cols.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    var dst = xs.AsSpan(xo + (s * g.InputSize), g.InputSize);
                    dst.Clear();
                    ConvKernels.Col2Im<float>(cs.AsSpan(co + (s * g.ColumnRows * g.ColumnCols), g.ColumnRows * g.ColumnCols), dst, g);
                }
            });
        }
        else
        {
            var xs = x.Data<double>();
            var cs = cols.Data<double>();
            int xo = x.Offset, co = cols.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    var dst = xs.AsSpan(xo + (s * g.InputSize), g.InputSize);
                    dst.Clear();
                    ConvKernels.Col2Im<double>(cs.AsSpan(co + (s * g.ColumnRows * g.ColumnCols), g.ColumnRows * g.ColumnCols), dst, g);
                }
            });
        }
    }

    /// <summary>Max pooling of every sample: contiguous <paramref name="x"/> [N, C, H, W] into <paramref name="values"/> (contiguous, same dtype) and <paramref name="indices"/> [N, C, OH, OW] (int64, per-plane flat) in one pass.</summary>
    public static void MaxPool(Tensor x, Tensor values, Tensor indices, int batch, ConvGeometry g)
    {
        RequireCpu("max_pool2d", x);
        RequireFloat("max_pool2d", x);
        if (x.DType == DType.Float32)
        {
            MaxPool<float>(x, values, indices, batch, g);
        }
        else
        {
            MaxPool<double>(x, values, indices, batch, g);
        }
    }

    /// <summary>Max-pool backward: <paramref name="dx"/> [N, C, H, W] (zeroed here) gets each of contiguous <paramref name="dy"/>'s entries added at its argmax.</summary>
    public static void MaxPoolBackward(Tensor dy, Tensor indices, Tensor dx, int batch, ConvGeometry g)
    {
        RequireCpu("max_pool2d", dy);
        if (dy.DType == DType.Float32)
        {
            MaxPoolBackward<float>(dy, indices, dx, batch, g);
        }
        else
        {
            MaxPoolBackward<double>(dy, indices, dx, batch, g);
        }
    }

    private static void MaxPool<T>(Tensor x, Tensor values, Tensor indices, int batch, ConvGeometry g)
        where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        var outSize = g.Channels * g.OutH * g.OutW;
        var chunks = BatchChunks(batch, (long)outSize * g.KernelH * g.KernelW);
        var ix = indices.Data<long>();
        var xs = x.Data<T>();
        var vs = values.Data<T>();
        int io = indices.Offset, xo = x.Offset, vo = values.Offset;
        Parallelism.For(chunks, k =>
        {
            var (lo, hi) = Range(k, chunks, batch);
            for (var s = lo; s < hi; s++)
            {
                ConvKernels.MaxPool<T>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), vs.AsSpan(vo + (s * outSize), outSize), ix.AsSpan(io + (s * outSize), outSize), g);
            }
        });
    }

    private static void MaxPoolBackward<T>(Tensor dy, Tensor indices, Tensor dx, int batch, ConvGeometry g)
        where T : unmanaged, INumberBase<T>
    {
        var outSize = g.Channels * g.OutH * g.OutW;
        var chunks = BatchChunks(batch, (long)g.InputSize + outSize);
        var ix = indices.Data<long>();
        var dys = dy.Data<T>();
        var dxs = dx.Data<T>();
        int io = indices.Offset, dyo = dy.Offset, dxo = dx.Offset;
        Parallelism.For(chunks, k =>
        {
            var (lo, hi) = Range(k, chunks, batch);
            for (var s = lo; s < hi; s++)
            {
                var dst = dxs.AsSpan(dxo + (s * g.InputSize), g.InputSize);
                dst.Clear();
                ConvKernels.MaxPoolBackward<T>(dys.AsSpan(dyo + (s * outSize), outSize), ix.AsSpan(io + (s * outSize), outSize), dst, g);
            }
        });
    }

    // Threads across the batch only when the whole job is large enough to pay for them.
    private static int BatchChunks(int batch, long perSample) =>
        Math.Max(1, Math.Min(batch, Parallelism.ChunksFor(perSample * batch)));

    private static (int Lo, int Hi) Range(int chunk, int chunks, int batch) =>
        ((int)((long)chunk * batch / chunks), (int)((long)(chunk + 1) * batch / chunks));
}
