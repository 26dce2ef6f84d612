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

    /// <summary>Max-pool argmax of every sample: contiguous <paramref name="x"/> [N, C, H, W] into <paramref name="indices"/> [N, C, OH, OW] (int64, per-plane flat).</summary>
    public static void MaxPoolIndices(Tensor x, Tensor indices, int batch, ConvGeometry g)
    {
        RequireCpu("max_pool2d", x);
        RequireFloat("max_pool2d", x);
        var outSize = g.Channels * g.OutH * g.OutW;
        var chunks = BatchChunks(batch, (long)outSize * g.KernelH * g.KernelW);
        var ix = indices.Data<long>();
        var io = indices.Offset;
        if (x.DType == DType.Float32)
        {
            var xs = x.Data<float>();
            var xo = x.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    ConvKernels.MaxPoolIndices<float>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), ix.AsSpan(io + (s * outSize), outSize), g);
                }
            });
        }
        else
        {
            var xs = x.Data<double>();
            var xo = x.Offset;
            Parallelism.For(chunks, k =>
            {
                var (lo, hi) = Range(k, chunks, batch);
                for (var s = lo; s < hi; s++)
                {
                    ConvKernels.MaxPoolIndices<double>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), ix.AsSpan(io + (s * outSize), outSize), g);
                }
            });
        }
    }

    // Threads across the batch only when the whole job is large enough to pay for them.
    private static int BatchChunks(int batch, long perSample) =>
        Math.Max(1, Math.Min(batch, Parallelism.ChunksFor(perSample * batch)));

    private static (int Lo, int Hi) Range(int chunk, int chunks, int batch) =>
        ((int)((long)chunk * batch / chunks), (int)((long)(chunk + 1) * batch / chunks));
}
