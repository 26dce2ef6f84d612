namespace Gradwire.Kernels;

/// <summary>
/// The naive twins of the convolution path, straight from the definition, used only by tests:
/// <c>y[n, o, oh, ow] = b[o] + Σ_{c ∈ group(o)} Σ_{i,j} w[o, c − c0, i, j] · x[n, c, oh·sh − ph + i·dh, ow·sw − pw + j·dw]</c>.
/// </summary>
internal static class ConvReference
{
    /// <summary>Direct 7-loop conv2d; <paramref name="x"/> [N, C, H, W], <paramref name="w"/> [O, C/groups, kh, kw], result [N, O, OH, OW].</summary>
    public static double[] Conv2d(
        double[] x, int n, in ConvGeometry g, double[] w, int outChannels, double[]? bias, int groups)
    {
        var cPerGroup = g.Channels / groups;
        var oPerGroup = outChannels / groups;
        var y = new double[n * outChannels * g.OutH * g.OutW];
        for (var s = 0; s < n; s++)
        {
            for (var o = 0; o < outChannels; o++)
            {
                var c0 = o / oPerGroup * cPerGroup;
                for (var oh = 0; oh < g.OutH; oh++)
                {
                    for (var ow = 0; ow < g.OutW; ow++)
                    {
                        var acc = bias is null ? 0 : bias[o];
                        for (var c = 0; c < cPerGroup; c++)
                        {
                            for (var i = 0; i < g.KernelH; i++)
                            {
                                var h = (oh * g.StrideH) - g.PadH + (i * g.DilationH);
                                if ((uint)h >= (uint)g.Height)
                                {
                                    continue;
                                }

                                for (var j = 0; j < g.KernelW; j++)
                                {
                                    var ww = (ow * g.StrideW) - g.PadW + (j * g.DilationW);
                                    if ((uint)ww >= (uint)g.Width)
                                    {
                                        continue;
                                    }

                                    acc += w[(((o * cPerGroup) + c) * g.KernelH + i) * g.KernelW + j] *
                                           x[(((s * g.Channels) + c0 + c) * g.Height + h) * g.Width + ww];
                                }
                            }
                        }

                        y[(((s * outChannels) + o) * g.OutH + oh) * g.OutW + ow] = acc;
                    }
                }
            }
        }

        return y;
    }

    /// <summary>im2col by definition: one sample [C, H, W] to [C·kh·kw, OH·OW].</summary>
    public static double[] Im2Col(double[] x, in ConvGeometry g)
    {
        var cols = new double[g.ColumnRows * g.ColumnCols];
        for (var c = 0; c < g.Channels; c++)
        {
            for (var i = 0; i < g.KernelH; i++)
            {
                for (var j = 0; j < g.KernelW; j++)
                {
                    var row = (((c * g.KernelH) + i) * g.KernelW) + j;
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        for (var ow = 0; ow < g.OutW; ow++)
                        {
                            var h = (oh * g.StrideH) - g.PadH + (i * g.DilationH);
                            var w = (ow * g.StrideW) - g.PadW + (j * g.DilationW);
                            var inside = h >= 0 && h < g.Height && w >= 0 && w < g.Width;
                            cols[(row * g.ColumnCols) + (oh * g.OutW) + ow] = inside ? x[(((c * g.Height) + h) * g.Width) + w] : 0;
                        }
                    }
                }
            }
        }

        return cols;
    }
}
