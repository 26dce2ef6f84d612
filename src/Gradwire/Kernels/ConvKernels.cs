using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// im2col / col2im for NCHW planes, the packing that turns a convolution into one GEMM per sample:
/// <c>cols[(c·kh + i)·kw + j, oh·OW + ow] = x[c, oh·sh − ph + i·dh, ow·sw − pw + j·dw]</c> (zero outside).
/// col2im is its adjoint (adds each column entry back to the pixel it came from), so it is both the
/// backward of im2col and PyTorch's <c>fold</c>. Tested against <see cref="ConvReference"/>.
/// </summary>
internal static class ConvKernels
{
    /// <summary>Packs one sample <paramref name="x"/> [C, H, W] into <paramref name="cols"/> [C·kh·kw, OH·OW].</summary>
    public static void Im2Col<T>(ReadOnlySpan<T> x, Span<T> cols, in ConvGeometry g)
        where T : unmanaged, INumberBase<T> => Im2Col(x, cols, g, g.ColumnCols);

    /// <summary>
    /// Packs one sample into a column block whose rows are <paramref name="ld"/> apart (≥ OH·OW), so the
    /// blocks of a batch sit side by side in one [C·kh·kw, N·OH·OW] matrix (one GEMM for the weight gradient).
    /// </summary>
    public static void Im2Col<T>(ReadOnlySpan<T> x, Span<T> cols, in ConvGeometry g, int ld)
        where T : unmanaged, INumberBase<T>
    {
        var l = g.ColumnCols;
        var row = 0;
        for (var c = 0; c < g.Channels; c++)
        {
            var plane = x.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (var i = 0; i < g.KernelH; i++)
            {
                for (var j = 0; j < g.KernelW; j++, row++)
                {
                    var dst = cols.Slice(row * ld, l);
                    var dx = (j * g.DilationW) - g.PadW;

                    // The ow range whose source column lies inside [0, W): the rest is padding.
                    var owLo = dx >= 0 ? 0 : Math.Min(g.OutW, (-dx + g.StrideW - 1) / g.StrideW);
                    var owHi = g.Width - dx <= 0 ? 0 : Math.Min(g.OutW, ((g.Width - dx - 1) / g.StrideW) + 1);
                    owHi = Math.Max(owHi, owLo);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var d = dst.Slice(oh * g.OutW, g.OutW);
                        var h = (oh * g.StrideH) - g.PadH + (i * g.DilationH);
                        if ((uint)h >= (uint)g.Height)
                        {
                            d.Clear();
                            continue;
                        }

                        d[..owLo].Clear();
                        d[owHi..].Clear();
                        var src = plane.Slice(h * g.Width);
                        if (g.StrideW == 1)
                        {
                            src.Slice(owLo + dx, owHi - owLo).CopyTo(d[owLo..owHi]);
                        }
                        else
                        {
                            for (var ow = owLo; ow < owHi; ow++)
                            {
                                d[ow] = src[(ow * g.StrideW) + dx];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds <paramref name="cols"/> [C·kh·kw, OH·OW] back into <paramref name="x"/> [C, H, W] (which the caller zeroes).</summary>
    public static void Col2Im<T>(ReadOnlySpan<T> cols, Span<T> x, in ConvGeometry g)
        where T : unmanaged, INumberBase<T> => Col2Im(cols, x, g, g.ColumnCols);

    /// <summary>Adds a column block whose rows are <paramref name="ld"/> apart back into <paramref name="x"/> [C, H, W] (which the caller zeroes).</summary>
    public static void Col2Im<T>(ReadOnlySpan<T> cols, Span<T> x, in ConvGeometry g, int ld)
        where T : unmanaged, INumberBase<T>
    {
        var l = g.ColumnCols;
        var row = 0;
        for (var c = 0; c < g.Channels; c++)
        {
            var plane = x.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (var i = 0; i < g.KernelH; i++)
            {
                for (var j = 0; j < g.KernelW; j++, row++)
                {
                    var src = cols.Slice(row * ld, l);
                    var dx = (j * g.DilationW) - g.PadW;
                    var owLo = dx >= 0 ? 0 : Math.Min(g.OutW, (-dx + g.StrideW - 1) / g.StrideW);
                    var owHi = g.Width - dx <= 0 ? 0 : Math.Min(g.OutW, ((g.Width - dx - 1) / g.StrideW) + 1);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var h = (oh * g.StrideH) - g.PadH + (i * g.DilationH);
                        if ((uint)h >= (uint)g.Height)
                        {
                            continue;
                        }

                        var s = src.Slice(oh * g.OutW, g.OutW);
                        var dst = plane.Slice(h * g.Width);
                        for (var ow = owLo; ow < owHi; ow++)
                        {
                            dst[(ow * g.StrideW) + dx] += s[ow];
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Max pooling of one sample [C, H, W]: for each output cell the flat per-plane index <c>h·W + w</c> of the
    /// first maximum in its window (padding never wins; NaN wins, as PyTorch). Windows are given by
    /// <paramref name="g"/> with <c>Channels = C</c>; a window entirely in padding is impossible by construction
    /// (the caller checks <c>pad ≤ kernel / 2</c>, as PyTorch).
    /// </summary>
    public static void MaxPoolIndices<T>(ReadOnlySpan<T> x, Span<long> indices, in ConvGeometry g)
        where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool> => MaxPool(x, [], indices, g);

    /// <summary>
    /// <see cref="MaxPoolIndices{T}"/> that also writes the maxima to <paramref name="values"/> [C, OH, OW] in
    /// the same pass (skipped when it is empty), so the forward needs no gather afterwards.
    /// </summary>
    public static void MaxPool<T>(ReadOnlySpan<T> x, Span<T> values, Span<long> indices, in ConvGeometry g)
        where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        var writeValues = !values.IsEmpty;
        var plane = g.Height * g.Width;
        var outPlane = g.OutH * g.OutW;
        if (writeValues && g.PadH == 0 && g.PadW == 0
            && ((g.OutH - 1) * g.StrideH) + ((g.KernelH - 1) * g.DilationH) < g.Height
            && ((g.OutW - 1) * g.StrideW) + ((g.KernelW - 1) * g.DilationW) < g.Width)
        {
            MaxPoolInside(x, values, indices, g);
            return;
        }

        for (var c = 0; c < g.Channels; c++)
        {
            var p = x.Slice(c * plane, plane);
            var dst = indices.Slice(c * outPlane, outPlane);
            for (var oh = 0; oh < g.OutH; oh++)
            {
                for (var ow = 0; ow < g.OutW; ow++)
                {
                    var best = -1;
                    var bestValue = T.Zero;
                    for (var i = 0; i < g.KernelH; i++)
                    {
                        var h = (oh * g.StrideH) - g.PadH + (i * g.DilationH);
                        if ((uint)h >= (uint)g.Height)
                        {
                            continue;
                        }

                        for (var j = 0; j < g.KernelW; j++)
                        {
                            var w = (ow * g.StrideW) - g.PadW + (j * g.DilationW);
                            if ((uint)w >= (uint)g.Width)
                            {
                                continue;
                            }

                            var at = (h * g.Width) + w;
                            var v = p[at];
                            if (best < 0 || v > bestValue || T.IsNaN(v))
                            {
                                best = at;
                                bestValue = v;
                                if (T.IsNaN(v))
                                {
                                    goto Found;
                                }
                            }
                        }
                    }

                Found:
                    dst[(oh * g.OutW) + ow] = best;
                    if (writeValues)
                    {
                        values[(c * outPlane) + (oh * g.OutW) + ow] = bestValue;
                    }
                }
            }
        }
    }

    // Every window lies inside the plane (no padding; the usual pool): no per-tap bounds tests. Same answer as
    // the general loop: the first maximum in row-major window order, the first NaN if there is one.
    private static void MaxPoolInside<T>(ReadOnlySpan<T> x, Span<T> values, Span<long> indices, in ConvGeometry g)
        where T : unmanaged, INumberBase<T>, IComparisonOperators<T, T, bool>
    {
        int width = g.Width, kh = g.KernelH, kw = g.KernelW, dh = g.DilationH * width, dw = g.DilationW;
        int outH = g.OutH, outW = g.OutW, sh = g.StrideH * width, sw = g.StrideW;
        var plane = g.Height * width;
        var outPlane = outH * outW;
        for (var c = 0; c < g.Channels; c++)
        {
            var p = x.Slice(c * plane, plane);
            var vals = values.Slice(c * outPlane, outPlane);
            var dst = indices.Slice(c * outPlane, outPlane);
            var o = 0;
            for (var oh = 0; oh < outH; oh++)
            {
                var rowStart = oh * sh;
                for (var ow = 0; ow < outW; ow++, o++)
                {
                    var start = rowStart + (ow * sw);
                    var best = start;
                    var bestValue = p[start];
                    if (!T.IsNaN(bestValue))
                    {
                        for (var i = 0; i < kh; i++)
                        {
                            var at = start + (i * dh);
                            for (var j = 0; j < kw; j++, at += dw)
                            {
                                var v = p[at];
                                if (v > bestValue)
                                {
                                    best = at;
                                    bestValue = v;
                                }
                                else if (T.IsNaN(v))
                                {
                                    best = at;
                                    bestValue = v;
                                    goto Found;
                                }
                            }
                        }
                    }

                Found:
                    dst[o] = best;
                    vals[o] = bestValue;
                }
            }
        }
    }

    /// <summary>
    /// Max-pool backward of one sample: <c>dx[c, idx[c, o]] += dy[c, o]</c> into <paramref name="dx"/> [C, H, W]
    /// (which the caller zeroes); overlapping windows that share a maximum add up, as PyTorch.
    /// </summary>
    public static void MaxPoolBackward<T>(ReadOnlySpan<T> dy, ReadOnlySpan<long> indices, Span<T> dx, in ConvGeometry g)
        where T : unmanaged, INumberBase<T>
    {
        var plane = g.Height * g.Width;
        var outPlane = g.OutH * g.OutW;
        for (var c = 0; c < g.Channels; c++)
        {
            var d = dx.Slice(c * plane, plane);
            var gy = dy.Slice(c * outPlane, outPlane);
            var ix = indices.Slice(c * outPlane, outPlane);
            for (var o = 0; o < outPlane; o++)
            {
                d[(int)ix[o]] += gy[o];
            }
        }
    }
}
