using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Convolution, pooling, padding and im2col as functions of tensors, with PyTorch's <c>torch.nn.functional</c>
/// names and argument order. Inputs are NCHW (NCL for the 1-D ops); a 2-D op also takes one unbatched [C, H, W]
/// sample. All are differentiable, to any order (each backward is again made of these ops).
/// </summary>
public static class Functional
{
    /// <summary>
    /// 2-D cross-correlation <c>y[n, o] = b[o] + Σ_c Σ_{i,j} w[o, c, i, j] · x[n, c, oh·s − p + i·d, ow·s − p + j·d]</c>;
    /// input [N, C, H, W], weight [O, C/groups, kh, kw], bias [O]; output size <c>⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1</c>.
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>2-D convolution with per-axis (height, width) stride, padding and dilation; see <see cref="Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups = 1)
    {
        ConvChecks.NonNegative("conv2d", nameof(padding), padding.H, padding.W);
        return Conv2dCore(input, weight, bias, stride, (padding.H, padding.W, padding.H, padding.W), dilation, groups, null);
    }

    /// <summary>2-D convolution with <paramref name="padding"/> "same" (output size = input size; stride 1; an odd total puts the extra row after) or "valid" (no padding).</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, string padding, int stride = 1, int dilation = 1, int groups = 1)
    {
        ArgumentNullException.ThrowIfNull(weight);
        return Conv2dCore(input, weight, bias, (stride, stride), null, (dilation, dilation), groups, padding);
    }

    /// <summary>1-D cross-correlation: input [N, C, L], weight [O, C/groups, k], bias [O]; a 2-D convolution over a 1×L plane.</summary>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        Check1d("conv1d", input, weight);
        return Conv2d(input.Unsqueeze(2), weight.Unsqueeze(2), bias, (1, stride), (0, padding), (1, dilation), groups).Squeeze(2);
    }

    /// <summary>1-D convolution with "same" or "valid" padding.</summary>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias, string padding, int stride = 1, int dilation = 1, int groups = 1)
    {
        Check1d("conv1d", input, weight);
        return Conv2dCore(input.Unsqueeze(2), weight.Unsqueeze(2), bias, (1, stride), null, (1, dilation), groups, padding).Squeeze(2);
    }

    /// <summary>
    /// Transposed 2-D convolution (the gradient of conv2d with respect to its input): input [N, Cin, H, W], weight
    /// [Cin, Cout/groups, kh, kw], bias [Cout]; output size <c>(H − 1)·s − 2p + d(k − 1) + output_padding + 1</c>.
    /// </summary>
    public static Tensor ConvTranspose2d(
        Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0, int groups = 1, int dilation = 1) =>
        ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), groups, (dilation, dilation));

    /// <summary>Transposed 2-D convolution with per-axis arguments; see <see cref="ConvTranspose2d(Tensor, Tensor, Tensor?, int, int, int, int, int)"/>.</summary>
    public static Tensor ConvTranspose2d(
        Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) outputPadding, int groups, (int H, int W) dilation)
    {
        const string op = "conv_transpose2d";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 3)
        {
            return ConvTranspose2d(input.Unsqueeze(0), weight, bias, stride, padding, outputPadding, groups, dilation).Squeeze(0);
        }

        ConvChecks.Rank(op, input, 4, "[N, C, H, W]");
        ConvChecks.ConvWeights(op, input, weight, bias, groups, transposed: true);
        ConvChecks.Positive(op, nameof(stride), stride.H, stride.W);
        ConvChecks.Positive(op, nameof(dilation), dilation.H, dilation.W);
        ConvChecks.NonNegative(op, nameof(padding), padding.H, padding.W);
        ConvChecks.NonNegative(op, nameof(outputPadding), outputPadding.H, outputPadding.W);
        if ((outputPadding.H >= stride.H && outputPadding.H >= dilation.H) || (outputPadding.W >= stride.W && outputPadding.W >= dilation.W))
        {
            throw new ArgumentException(
                $"{op}: output_padding ({outputPadding.H}, {outputPadding.W}) must be smaller than stride ({stride.H}, {stride.W}) or dilation ({dilation.H}, {dilation.W}).");
        }

        int kh = weight.Shape[2], kw = weight.Shape[3];
        int h = input.Shape[2], w = input.Shape[3];
        var oh = ((h - 1) * stride.H) - (2 * padding.H) + (dilation.H * (kh - 1)) + outputPadding.H + 1;
        var ow = ((w - 1) * stride.W) - (2 * padding.W) + (dilation.W * (kw - 1)) + outputPadding.W + 1;
        if (oh < 1 || ow < 1)
        {
            throw new ArgumentException($"{op}: input {input.Shape} with weight {weight.Shape}, stride ({stride.H}, {stride.W}) and padding ({padding.H}, {padding.W}) gives an empty output {oh}×{ow}.");
        }

        var g = new Kernels.ConvGeometry(weight.Shape[1] * groups, oh, ow, kh, kw, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W, h, w);
        return ConvFunctions.ConvTranspose2d(input, weight, bias, g, groups);
    }

    /// <summary>
    /// im2col (PyTorch's <c>F.unfold</c>): input [N, C, H, W] → [N, C·kh·kw, L], L the number of window positions;
    /// row <c>(c·kh + i)·kw + j</c> holds <c>x[c, oh·s − p + i·d, ow·s − p + j·d]</c> (zero in the padding).
    /// </summary>
    public static Tensor Unfold(Tensor input, int kernelSize, int dilation = 1, int padding = 0, int stride = 1) =>
        Unfold(input, (kernelSize, kernelSize), (dilation, dilation), (padding, padding), (stride, stride));

    /// <summary>im2col with per-axis arguments; see <see cref="Unfold(Tensor, int, int, int, int)"/>.</summary>
    public static Tensor Unfold(Tensor input, (int H, int W) kernelSize, (int H, int W) dilation, (int H, int W) padding, (int H, int W) stride)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3)
        {
            return Unfold(input.Unsqueeze(0), kernelSize, dilation, padding, stride).Squeeze(0);
        }

        var g = WindowGeometry("unfold", input, kernelSize, stride, padding, dilation, false);
        return ConvFunctions.Unfold(input, g);
    }

    /// <summary>
    /// col2im (PyTorch's <c>F.fold</c>): [N, C·kh·kw, L] → [N, C, H, W] of <paramref name="outputSize"/>, each column
    /// entry added to the pixel <see cref="Unfold(Tensor, int, int, int, int)"/> took it from (the adjoint of unfold).
    /// </summary>
    public static Tensor Fold(Tensor input, (int H, int W) outputSize, (int H, int W) kernelSize, (int H, int W) dilation, (int H, int W) padding, (int H, int W) stride)
    {
        const string op = "fold";
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 2)
        {
            return Fold(input.Unsqueeze(0), outputSize, kernelSize, dilation, padding, stride).Squeeze(0);
        }

        ConvChecks.Rank(op, input, 3, "[N, C·kh·kw, L]");
        ConvChecks.Positive(op, nameof(outputSize), outputSize.H, outputSize.W);
        ConvChecks.Positive(op, nameof(kernelSize), kernelSize.H, kernelSize.W);
        ConvChecks.Positive(op, nameof(stride), stride.H, stride.W);
        ConvChecks.Positive(op, nameof(dilation), dilation.H, dilation.W);
        ConvChecks.NonNegative(op, nameof(padding), padding.H, padding.W);
        var k = kernelSize.H * kernelSize.W;
        var rows = input.Shape[1];
        var oh = ConvChecks.OutSize(outputSize.H, kernelSize.H, stride.H, padding.H, padding.H, dilation.H, false);
        var ow = ConvChecks.OutSize(outputSize.W, kernelSize.W, stride.W, padding.W, padding.W, dilation.W, false);
        if (rows % k != 0 || input.Shape[2] != oh * ow || oh < 1 || ow < 1)
        {
            throw new ArgumentException(
                $"{op}: input {input.Shape} does not match output size ({outputSize.H}, {outputSize.W}) with kernel ({kernelSize.H}, {kernelSize.W}): " +
                $"expected [N, C·{k}, {Math.Max(oh, 0) * Math.Max(ow, 0)}] ({Math.Max(oh, 0)}×{Math.Max(ow, 0)} window positions).");
        }

        var g = new Kernels.ConvGeometry(rows / k, outputSize.H, outputSize.W, kernelSize.H, kernelSize.W, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W, oh, ow);
        return ConvFunctions.Fold(input, g);
    }

    /// <summary>col2im with square arguments; see <see cref="Fold(Tensor, ValueTuple{int, int}, ValueTuple{int, int}, ValueTuple{int, int}, ValueTuple{int, int}, ValueTuple{int, int})"/>.</summary>
    public static Tensor Fold(Tensor input, (int H, int W) outputSize, int kernelSize, int dilation = 1, int padding = 0, int stride = 1) =>
        Fold(input, outputSize, (kernelSize, kernelSize), (dilation, dilation), (padding, padding), (stride, stride));

    /// <summary>Max pooling: <c>y[n, c, oh, ow] = max_{i,j} x[n, c, oh·s − p + i·d, ow·s − p + j·d]</c> (padding never wins); stride defaults to the kernel.</summary>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary>Max pooling and the int64 argmax of each window as PyTorch's flat index <c>h·W + w</c> within its plane (<c>return_indices=True</c>).</summary>
    public static (Tensor Values, Tensor Indices) MaxPool2dWithIndices(
        Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPool2dWithIndices(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), (dilation, dilation), ceilMode);

    /// <summary>Max pooling with per-axis arguments and indices; see <see cref="MaxPool2dWithIndices(Tensor, int, int?, int, int, bool)"/>.</summary>
    public static (Tensor Values, Tensor Indices) MaxPool2dWithIndices(
        Tensor input, (int H, int W) kernelSize, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, bool ceilMode = false)
    {
        const string op = "max_pool2d";
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3)
        {
            var (v, i) = MaxPool2dWithIndices(input.Unsqueeze(0), kernelSize, stride, padding, dilation, ceilMode);
            return (v.Squeeze(0), i.Squeeze(0));
        }

        CheckPoolPadding(op, kernelSize, padding);
        var g = WindowGeometry(op, input, kernelSize, stride, padding, dilation, ceilMode);
        return ConvFunctions.MaxPool2d(input, g);
    }

    /// <summary>1-D max pooling over [N, C, L]; stride defaults to the kernel.</summary>
    public static Tensor MaxPool1d(Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false) =>
        MaxPool1dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode).Values;

    /// <summary>1-D max pooling with the int64 argmax positions along L.</summary>
    public static (Tensor Values, Tensor Indices) MaxPool1dWithIndices(
        Tensor input, int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ConvChecks.Rank("max_pool1d", input, 3, "[N, C, L]");
        var (v, i) = MaxPool2dWithIndices(input.Unsqueeze(2), (1, kernelSize), (1, stride ?? kernelSize), (0, padding), (1, dilation), ceilMode);
        return (v.Squeeze(2), i.Squeeze(2));
    }

    /// <summary>
    /// Average pooling: window sum divided by the window size clipped to the padded input (or, with
    /// <paramref name="countIncludePad"/> false, to the input; or <paramref name="divisorOverride"/>); stride defaults to the kernel.
    /// </summary>
    public static Tensor AvgPool2d(
        Tensor input, int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null) =>
        AvgPool2d(input, (kernelSize, kernelSize), (stride ?? kernelSize, stride ?? kernelSize), (padding, padding), ceilMode, countIncludePad, divisorOverride);

    /// <summary>Average pooling with per-axis arguments; see <see cref="AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>.</summary>
    public static Tensor AvgPool2d(
        Tensor input, (int H, int W) kernelSize, (int H, int W) stride, (int H, int W) padding, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
    {
        const string op = "avg_pool2d";
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3)
        {
            return AvgPool2d(input.Unsqueeze(0), kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride).Squeeze(0);
        }

        CheckPoolPadding(op, kernelSize, padding);
        if (divisorOverride is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(divisorOverride), $"{op}: divisor_override must be > 0, got {divisorOverride}.");
        }

        var g = WindowGeometry(op, input, kernelSize, stride, padding, (1, 1), ceilMode);
        return ConvFunctions.AvgPool2d(input, g, countIncludePad, divisorOverride);
    }

    /// <summary>
    /// Adaptive average pooling to <paramref name="outputSize"/>: cell i averages input rows <c>⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉ − 1</c> (and the same for columns).
    /// Input [..., H, W].
    /// </summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, (int H, int W) outputSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is < 3 or > 4 || !input.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"adaptive_avg_pool2d: expected a float [N, C, H, W] or [C, H, W] input, got {input.DType.Name()} {input.Shape}.");
        }

        ConvChecks.Positive("adaptive_avg_pool2d", nameof(outputSize), outputSize.H, outputSize.W);
        return ConvFunctions.AdaptiveAvgPool2d(input, outputSize.H, outputSize.W);
    }

    /// <summary>Adaptive average pooling to a square <paramref name="outputSize"/>.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize) => AdaptiveAvgPool2d(input, (outputSize, outputSize));

    /// <summary>
    /// Pads (or, with negative widths in constant mode, crops) the last axes, PyTorch's <c>F.pad</c> order:
    /// <paramref name="pad"/> = (last-axis before, last-axis after, second-to-last before, after, ...).
    /// </summary>
    public static Tensor Pad(Tensor input, ReadOnlySpan<int> pad, PadMode mode = PadMode.Constant, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        return PadFunction.Apply(input, pad, mode, value);
    }

    private static Tensor Conv2dCore(
        Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int Ph, int Pw, int Ph2, int Pw2)? padding, (int H, int W) dilation, int groups, string? named)
    {
        const string op = "conv2d";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (input.Rank == 3)
        {
            return Conv2dCore(input.Unsqueeze(0), weight, bias, stride, padding, dilation, groups, named).Squeeze(0);
        }

        ConvChecks.Rank(op, input, 4, "[N, C, H, W]");
        ConvChecks.ConvWeights(op, input, weight, bias, groups, transposed: false);
        ConvChecks.Positive(op, nameof(stride), stride.H, stride.W);
        ConvChecks.Positive(op, nameof(dilation), dilation.H, dilation.W);
        int kh = weight.Shape[2], kw = weight.Shape[3];
        var (ph, pw, ph2, pw2) = padding ?? ConvChecks.NamedPadding(op, named!, kh, kw, stride.H, stride.W, dilation.H, dilation.W);
        var g = ConvChecks.Geometry(op, input, kh, kw, stride.H, stride.W, ph, pw, ph2, pw2, dilation.H, dilation.W);
        return ConvFunctions.Conv2d(input, weight, bias, g, groups);
    }

    private static Kernels.ConvGeometry WindowGeometry(
        string op, Tensor input, (int H, int W) kernel, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, bool ceilMode)
    {
        ConvChecks.Rank(op, input, 4, "[N, C, H, W]");
        ConvChecks.Positive(op, "kernel_size", kernel.H, kernel.W);
        ConvChecks.Positive(op, nameof(stride), stride.H, stride.W);
        ConvChecks.Positive(op, nameof(dilation), dilation.H, dilation.W);
        ConvChecks.NonNegative(op, nameof(padding), padding.H, padding.W);
        return ConvChecks.Geometry(op, input, kernel.H, kernel.W, stride.H, stride.W, padding.H, padding.W, padding.H, padding.W, dilation.H, dilation.W, ceilMode);
    }

    private static void CheckPoolPadding(string op, (int H, int W) kernel, (int H, int W) padding)
    {
        if (padding.H > kernel.H / 2 || padding.W > kernel.W / 2)
        {
            throw new ArgumentException(
                $"{op}: padding ({padding.H}, {padding.W}) must be at most half the kernel ({kernel.H}, {kernel.W}), as PyTorch requires.");
        }
    }

    private static void Check1d(string op, Tensor input, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        ConvChecks.Rank(op, input, 3, "[N, C, L]");
        if (weight.Rank != 3)
        {
            throw new ArgumentException($"{op}: weight must be [O, C/groups, k], got {weight.Shape}.");
        }
    }
}
