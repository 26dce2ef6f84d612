using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Argument checks and window geometry shared by the convolution and pooling entry points; every error names the op and the shapes.</summary>
internal static class ConvChecks
{
    public static void Positive(string op, string what, int h, int w)
    {
        if (h < 1 || w < 1)
        {
            throw new ArgumentOutOfRangeException(what, $"{op}: {what} must be ≥ 1, got ({h}, {w}).");
        }
    }

    public static void NonNegative(string op, string what, int h, int w)
    {
        if (h < 0 || w < 0)
        {
            throw new ArgumentOutOfRangeException(what, $"{op}: {what} must be ≥ 0, got ({h}, {w}).");
        }
    }

    public static void Rank(string op, Tensor x, int rank, string layout)
    {
        if (x.Rank != rank)
        {
            throw new ArgumentException($"{op}: expected a {rank}-D input {layout}, got shape {x.Shape}.");
        }

        if (!x.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{op}: expected a float32 or float64 input, got {x.DType.Name()} (shape {x.Shape}); convert with To(DType.Float32).");
        }
    }

    /// <summary>
    /// Geometry of a window op over [N, C, H, W] with begin-padding (padH, padW) and end-padding (padH2, padW2);
    /// throws naming the op when the (padded) input is smaller than the dilated kernel.
    /// </summary>
    public static ConvGeometry Geometry(
        string op, Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, int ph2, int pw2, int dh, int dw, bool ceilMode = false)
    {
        var c = x.Shape[1];
        var h = x.Shape[2];
        var w = x.Shape[3];
        var oh = OutSize(h, kh, sh, ph, ph2, dh, ceilMode);
        var ow = OutSize(w, kw, sw, pw, pw2, dw, ceilMode);
        if (oh < 1 || ow < 1)
        {
            throw new ArgumentException(
                $"{op}: input {x.Shape} with padding ({ph}, {pw}) is smaller than the kernel ({kh}, {kw}) at dilation ({dh}, {dw}): " +
                $"the output would be {oh}×{ow}; pad the input or use a smaller kernel.");
        }

        return new ConvGeometry(c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow);
    }

    /// <summary>PyTorch's output size: <c>⌊ or ⌈(in + p0 + p1 − d(k−1) − 1) / s⌉ + 1</c>; in ceil mode the last window must start inside the input or its begin-padding.</summary>
    public static int OutSize(int input, int kernel, int stride, int pad0, int pad1, int dilation, bool ceilMode)
    {
        var span = input + pad0 + pad1 - (dilation * (kernel - 1)) - 1;
        if (span < 0)
        {
            return 0;
        }

        var o = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceilMode && (o - 1) * stride >= input + pad0)
        {
            o--;
        }

        return o;
    }

    /// <summary>"same" padding for stride 1: total <c>d(k−1)</c>, the odd one after (as PyTorch).</summary>
    public static (int Before, int After) Same(int kernel, int dilation)
    {
        var total = dilation * (kernel - 1);
        return (total / 2, total - (total / 2));
    }

    /// <summary>Parses "same" / "valid" into begin/end paddings per axis.</summary>
    public static (int Ph, int Pw, int Ph2, int Pw2) NamedPadding(string op, string padding, int kh, int kw, int sh, int sw, int dh, int dw)
    {
        switch (padding)
        {
            case "valid":
                return (0, 0, 0, 0);
            case "same":
                if (sh != 1 || sw != 1)
                {
                    throw new ArgumentException($"{op}: padding=\"same\" needs stride 1 (as PyTorch), got stride ({sh}, {sw}); give the padding as numbers.");
                }

                var (a, b) = Same(kh, dh);
                var (c, d) = Same(kw, dw);
                return (a, c, b, d);
            default:
                throw new ArgumentException($"{op}: padding must be a number, \"same\" or \"valid\", got \"{padding}\".", nameof(padding));
        }
    }

    public static void ConvWeights(string op, Tensor x, Tensor weight, Tensor? bias, int groups, bool transposed)
    {
        if (weight.Rank != x.Rank)
        {
            throw new ArgumentException($"{op}: weight must have {x.Rank} axes, got shape {weight.Shape} for input {x.Shape}.");
        }

        if (weight.DType != x.DType || (bias is not null && bias.DType != x.DType))
        {
            throw new ArgumentException(
                $"{op}: input is {x.DType.Name()} but weight is {weight.DType.Name()}{(bias is null ? "" : $" and bias {bias.DType.Name()}")}; use one dtype.");
        }

        if (groups < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), $"{op}: groups must be ≥ 1, got {groups}.");
        }

        var cin = x.Shape[1];
        var w0 = weight.Shape[0];
        var w1 = weight.Shape[1];
        var outChannels = transposed ? w1 * groups : w0;
        var expectedIn = transposed ? w0 : w1 * groups;
        if (cin != expectedIn || cin % groups != 0 || (!transposed && w0 % groups != 0) || (transposed && w0 % groups != 0))
        {
            var layout = transposed ? "[in, out/groups, k...]" : "[out, in/groups, k...]";
            throw new ArgumentException(
                $"{op}: input {x.Shape} has {cin} channels but weight {weight.Shape} (layout {layout}) with groups={groups} expects {expectedIn}; " +
                "channels and output channels must both divide by groups.");
        }

        if (bias is not null && (bias.Rank != 1 || bias.Shape[0] != outChannels))
        {
            throw new ArgumentException($"{op}: bias must have shape [{outChannels}], got {bias.Shape}.");
        }
    }
}
