using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// 1-D convolution layer over [N, C, L] (see <see cref="Functional.Conv1d(Tensor, Tensor, Tensor?, int, int, int, int)"/>):
/// weight [out, in/groups, k] and bias [out], initialized as PyTorch's nn.Conv1d.
/// </summary>
public sealed class Conv1d : Module<Tensor, Tensor>
{
    private readonly string? _namedPadding;

    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inChannels">Input channels C.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="stride">Step between windows.</param>
    /// <param name="padding">Zeros added on each side.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Conv1d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32)
        : this(inChannels, outChannels, kernelSize, generator, stride, padding, dilation, groups, bias, dtype, null)
    {
    }

    /// <summary>Creates the layer with <paramref name="padding"/> "same" or "valid".</summary>
    /// <param name="inChannels">Input channels C.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Kernel length.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="padding">"same" or "valid".</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Conv1d(int inChannels, int outChannels, int kernelSize, Generator generator, string padding,
        int dilation = 1, int groups = 1, bool bias = true, DType dtype = DType.Float32)
        : this(inChannels, outChannels, kernelSize, generator, 1, 0, dilation, groups, bias, dtype, padding)
    {
        ArgumentNullException.ThrowIfNull(padding);
        if (padding is not ("same" or "valid"))
        {
            throw new ArgumentException($"Conv1d: padding must be a number, \"same\" or \"valid\", got \"{padding}\".", nameof(padding));
        }
    }

    private Conv1d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride, int padding,
        int dilation, int groups, bool bias, DType dtype, string? namedPadding)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ConvInit.Sizes("Conv1d", inChannels, outChannels, groups);
        ConvChecks.Positive("Conv1d", nameof(kernelSize), kernelSize, 1);
        ConvChecks.Positive("Conv1d", nameof(stride), stride, dilation);
        ConvChecks.NonNegative("Conv1d", nameof(padding), padding, 0);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        _namedPadding = namedPadding;
        var (w, b) = ConvInit.Draw([outChannels, inChannels / groups, kernelSize], inChannels / groups * kernelSize, outChannels, bias, generator, dtype);
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

    /// <summary>Kernel length.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Numeric padding; 0 when the padding is "same" or "valid".</summary>
    public int Padding { get; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>The weight, [out, in/groups, k].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => _namedPadding is null
        ? Functional.Conv1d(input, Weight.Value, Bias?.Value, Stride, Padding, Dilation, Groups)
        : Functional.Conv1d(input, Weight.Value, Bias?.Value, _namedPadding, Stride, Dilation, Groups);

    /// <inheritdoc />
    protected override string Describe() => $"Conv1d({InChannels} → {OutChannels}, kernel {KernelSize})";
}
