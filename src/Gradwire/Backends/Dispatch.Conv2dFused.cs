using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Kernels;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Backends;

/// <summary>
/// The fused 2-D convolution's three passes (forward, weight/bias gradient, input gradient). Per sample and per
/// group: <c>y[s] = W_g · im2col(x[s]) + b</c>, <c>dX[s] = col2im(W_gᵀ · dY[s])</c>; the weight gradient is one
/// GEMM over the whole batch, <c>dW_g = dY_g [O/G, N·L] · cols_gᵀ [N·L, K/G]</c>, against the column matrix the
/// forward saved side by side (<c>[K, N·L]</c>). Samples are split across threads; every output element is
/// written by one thread in one fixed order, and the GEMM splits only rows/columns of C, so the numbers do not
/// depend on the thread count.
/// </summary>
internal static partial class Dispatch
{
    /// <summary>
    /// Forward: contiguous <paramref name="x"/> [N, C, H, W], <paramref name="w"/> [O, C/G, kh, kw], <paramref name="b"/> [O] or null
    /// into <paramref name="y"/> [N, O, OH, OW]; when <paramref name="cols"/> [C·kh·kw, N·OH·OW] is given, the
    /// column matrix is kept there for the weight gradient, else each thread packs into a pooled block.
    /// </summary>
    public static void Conv2dForward(Tensor x, Tensor w, Tensor? b, Tensor y, Tensor? cols, int batch, int groups, ConvGeometry g)
    {
        RequireCpu("conv2d", x);
        RequireFloat("conv2d", x);
        if (x.DType == DType.Float32)
        {
            Conv2dForward<float>(x, w, b, y, cols, batch, w.ShapeArray[0], groups, g);
        }
        else
        {
            Conv2dForward<double>(x, w, b, y, cols, batch, w.ShapeArray[0], groups, g);
        }
    }

    /// <summary>
    /// Weight and bias gradients from contiguous <paramref name="dy"/> [N, O, OH, OW] and the saved
    /// <paramref name="cols"/> [C·kh·kw, N·OH·OW]; <paramref name="dw"/> [O, C/G, kh, kw] and <paramref name="db"/> [O] are overwritten (either may be null).
    /// </summary>
    public static void Conv2dWeightGrads(Tensor dy, Tensor? cols, Tensor? dw, Tensor? db, int batch, int outChannels, int groups, ConvGeometry g)
    {
        RequireCpu("conv2d", dy);
        if (dy.DType == DType.Float32)
        {
            Conv2dWeightGrads<float>(dy, cols, dw, db, batch, outChannels, groups, g);
        }
        else
        {
            Conv2dWeightGrads<double>(dy, cols, dw, db, batch, outChannels, groups, g);
        }
    }

    /// <summary>Input gradient: <paramref name="dx"/> [N, C, H, W] = col2im(Wᵀ · dY) per sample, from contiguous <paramref name="dy"/> and <paramref name="w"/>.</summary>
    public static void Conv2dInputGrad(Tensor dy, Tensor w, Tensor dx, int batch, int groups, ConvGeometry g)
    {
        RequireCpu("conv2d", dy);
        if (dy.DType == DType.Float32)
        {
            Conv2dInputGrad<float>(dy, w, dx, batch, w.ShapeArray[0], groups, g);
        }
        else
        {
            Conv2dInputGrad<double>(dy, w, dx, batch, w.ShapeArray[0], groups, g);
        }
    }

    private static void Conv2dForward<T>(Tensor x, Tensor w, Tensor? b, Tensor y, Tensor? cols, int batch, int outChannels, int groups, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = g.ColumnCols, k = g.ColumnRows, kg = k / groups, og = outChannels / groups;
        var ld = cols is null ? l : batch * l;
        var chunks = BatchChunks(batch, (long)outChannels * kg * l);
        var gemmThreads = chunks == 1 ? Parallelism.MaxThreads : 1;
        var xs = x.Data<T>();
        var ws = w.Data<T>();
        var ys = y.Data<T>();
        var bs = b?.Data<T>();
        var cs = cols?.Data<T>();
        int xo = x.Offset, wo = w.Offset, yo = y.Offset, bo = b?.Offset ?? 0, co = cols?.Offset ?? 0;
        var beta = bs is null ? T.Zero : T.One;
        Parallelism.For(chunks, chunk =>
        {
            var (lo, hi) = Range(chunk, chunks, batch);
            var rented = cs is null ? BufferPool<T>.Rent(k * l, out _) : null;
            try
            {
                for (var s = lo; s < hi; s++)
                {
                    var block = rented is not null ? rented.AsSpan(0, k * l) : cs.AsSpan(co + (s * l));
                    ConvKernels.Im2Col<T>(xs.AsSpan(xo + (s * g.InputSize), g.InputSize), block, g, ld);
                    var yss = ys.AsSpan(yo + (s * outChannels * l), outChannels * l);
                    if (bs is not null)
                    {
                        // The bias goes in first and the GEMM accumulates onto it (beta = 1): no extra pass.
                        for (var o = 0; o < outChannels; o++)
                        {
                            yss.Slice(o * l, l).Fill(bs[bo + o]);
                        }
                    }

                    for (var gi = 0; gi < groups; gi++)
                    {
                        Gemm.Multiply(GemmKernelKind.Auto, null, false, false, og, l, kg, T.One,
                            ws.AsSpan(wo + (gi * og * kg), og * kg), kg, block[(gi * kg * ld)..], ld,
                            beta, yss.Slice(gi * og * l, og * l), l, gemmThreads);
                    }
                }
            }
            finally
            {
                if (rented is not null)
                {
                    BufferPool<T>.Return(rented);
                }
            }
        });
    }

    private static void Conv2dWeightGrads<T>(Tensor dy, Tensor? cols, Tensor? dw, Tensor? db, int batch, int outChannels, int groups, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = g.ColumnCols, k = g.ColumnRows, kg = k / groups, og = outChannels / groups;
        var nl = batch * l;
        var dys = dy.Data<T>();
        var dyo = dy.Offset;

        // dY as [O, N·L]: each output channel's gradients of the whole batch in one row, so dW is one GEMM.
        var dyt = BufferPool<T>.Rent(outChannels * nl, out _);
        try
        {
            for (var s = 0; s < batch; s++)
            {
                for (var o = 0; o < outChannels; o++)
                {
                    dys.AsSpan(dyo + (((s * outChannels) + o) * l), l).CopyTo(dyt.AsSpan((o * nl) + (s * l), l));
                }
            }

            if (dw is not null && cols is not null)
            {
                var dws = dw.Data<T>();
                var cs = cols.Data<T>();
                for (var gi = 0; gi < groups; gi++)
                {
                    Gemm.Multiply(GemmKernelKind.Auto, null, false, true, og, kg, nl, T.One,
                        dyt.AsSpan(gi * og * nl, og * nl), nl, cs.AsSpan(cols.Offset + (gi * kg * nl), kg * nl), nl,
                        T.Zero, dws.AsSpan(dw.Offset + (gi * og * kg), og * kg), kg, Parallelism.MaxThreads);
                }
            }

            if (db is not null)
            {
                var dbs = db.Data<T>();
                for (var o = 0; o < outChannels; o++)
                {
                    dbs[db.Offset + o] = TensorPrimitives.Sum<T>(dyt.AsSpan(o * nl, nl));
                }
            }
        }
        finally
        {
            BufferPool<T>.Return(dyt);
        }
    }

    private static void Conv2dInputGrad<T>(Tensor dy, Tensor w, Tensor dx, int batch, int outChannels, int groups, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int l = g.ColumnCols, k = g.ColumnRows, kg = k / groups, og = outChannels / groups;
        var chunks = BatchChunks(batch, (long)outChannels * kg * l);
        var gemmThreads = chunks == 1 ? Parallelism.MaxThreads : 1;
        var dys = dy.Data<T>();
        var ws = w.Data<T>();
        var dxs = dx.Data<T>();
        int dyo = dy.Offset, wo = w.Offset, dxo = dx.Offset;
        Parallelism.For(chunks, chunk =>
        {
            var (lo, hi) = Range(chunk, chunks, batch);
            var dcols = BufferPool<T>.Rent(k * l, out _);
            try
            {
                for (var s = lo; s < hi; s++)
                {
                    for (var gi = 0; gi < groups; gi++)
                    {
                        // dcols_g [K/G, L] = W_gᵀ · dY_g[s]
                        Gemm.Multiply(GemmKernelKind.Auto, null, true, false, kg, l, og, T.One,
                            ws.AsSpan(wo + (gi * og * kg), og * kg), kg, dys.AsSpan(dyo + (((s * outChannels) + (gi * og)) * l), og * l), l,
                            T.Zero, dcols.AsSpan(gi * kg * l, kg * l), l, gemmThreads);
                    }

                    var dst = dxs.AsSpan(dxo + (s * g.InputSize), g.InputSize);
                    dst.Clear();
                    ConvKernels.Col2Im<T>(dcols.AsSpan(0, k * l), dst, g, l);
                }
            }
            finally
            {
                BufferPool<T>.Return(dcols);
            }
        });
    }
}
