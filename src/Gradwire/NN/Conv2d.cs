using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// 2-D convolution layer over [N, C, H, W] (see <see cref="Functional.Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>):
/// weight [out, in/groups, kh, kw] and bias [out], named and initialized as PyTorch's nn.Conv2d so state dicts move unchanged.
/// </summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly string? _namedPadding;

    /// <summary>Creates the layer with numeric padding; weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inChannels">Input channels C.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="stride">Step between windows.</param>
    /// <param name="padding">Zeros added on each side.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups (in and out both divide by it; groups = in is depthwise).</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32)
        : this(inChannels, outChannels, (kernelSize, kernelSize), generator, (stride, stride), (padding, padding), (dilation, dilation), groups, bias, dtype, null)
    {
    }

    /// <summary>Creates the layer with <paramref name="padding"/> "same" or "valid".</summary>
    /// <param name="inChannels">Input channels C.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="padding">"same" (output size = input size, stride 1) or "valid" (none).</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Generator generator, string padding,
        int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32)
        : this(inChannels, outChannels, (kernelSize, kernelSize), generator, (1, 1), (0, 0), (dilation, dilation), groups, bias, dtype, padding)
    {
        ArgumentNullException.ThrowIfNull(padding);
        if (padding is not ("same" or "valid"))
        {
            throw new ArgumentException($"Conv2d: padding must be a number, \"same\" or \"valid\", got \"{padding}\".", nameof(padding));
        }
    }

    /// <summary>Creates the layer with per-axis (height, width) kernel, stride, padding and dilation.</summary>
    /// <param name="inChannels">Input channels C.</param>
    /// <param name="outChannels">Output channels (filters).</param>
    /// <param name="kernelSize">Kernel (height, width).</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="stride">Step between windows.</param>
    /// <param name="padding">Zeros added on each side.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Conv2d(int inChannels, int outChannels, (int H, int W) kernelSize, Generator generator, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) dilation, int groups = 1, bool bias = true, DType dtype = DType.Float32)
        : this(inChannels, outChannels, kernelSize, generator, stride, padding, dilation, groups, bias, dtype, null)
    {
    }

    private Conv2d(int inChannels, int outChannels, (int H, int W) kernelSize, Generator generator, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) dilation, int groups, bool bias, DType dtype, string? namedPadding)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ConvInit.Sizes("Conv2d", inChannels, outChannels, groups);
        ConvChecks.Positive("Conv2d", nameof(kernelSize), kernelSize.H, kernelSize.W);
        ConvChecks.Positive("Conv2d", nameof(stride), stride.H, stride.W);
        ConvChecks.Positive("Conv2d", nameof(dilation), dilation.H, dilation.W);
        ConvChecks.NonNegative("Conv2d", nameof(padding), padding.H, padding.W);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        _namedPadding = namedPadding;
        var fanIn = inChannels / groups * kernelSize.H * kernelSize.W;
        var (w, b) = ConvInit.Draw([outChannels, inChannels / groups, kernelSize.H, kernelSize.W], fanIn, outChannels, bias, generator, dtype);
        Weight = RegisterParameter("weight", w);
        if (b is not null)
        {
            Bias = RegisterParameter("bias", b, decay: false);
        }
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel (height, width).</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>Stride (height, width).</summary>
    public (int H, int W) Stride { get; }

    /// <summary>Numeric padding (height, width); (0, 0) when the padding is "same" or "valid".</summary>
    public (int H, int W) Padding { get; }

    /// <summary>Dilation (height, width).</summary>
    public (int H, int W) Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>The weight, [out, in/groups, kh, kw].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _namedPadding is null
        ? Functional.Conv2d(input, Weight.Value, Bias?.Value, Stride, Padding, Dilation, Groups)
        : Functional.Conv2d(input, Weight.Value, Bias?.Value, _namedPadding, Stride.H, Dilation.H, Groups);

    /// <inheritdoc />
    protected override string Describe() =>
        $"Conv2d({InChannels} → {OutChannels}, kernel {KernelSize.H}×{KernelSize.W}, stride {Stride.H}, padding {_namedPadding ?? Padding.H.ToString(System.Globalization.CultureInfo.InvariantCulture)}" +
        $"{(Dilation.H != 1 ? $", dilation {Dilation.H}" : "")}{(Groups != 1 ? $", groups {Groups}" : "")}{(Bias is null ? ", no bias" : "")})";
}
