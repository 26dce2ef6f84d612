using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Transposed 2-D convolution layer (see <see cref="Functional.ConvTranspose2d(Tensor, Tensor, Tensor?, int, int, int, int, int)"/>):
/// weight [in, out/groups, kh, kw] and bias [out], initialized as PyTorch's nn.ConvTranspose2d (fan_in = (out/groups)·kh·kw, from weight axis 1).
/// </summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="kernelSize">Square kernel size.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="stride">Upsampling step.</param>
    /// <param name="padding">Rows/columns removed from each side of the full output.</param>
    /// <param name="outputPadding">Extra rows/columns added on one side (smaller than stride or dilation).</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="dilation">Spacing between kernel taps.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Generator generator, int stride = 1, int padding = 0,
        int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ConvInit.Sizes("ConvTranspose2d", inChannels, outChannels, groups);
        ConvChecks.Positive("ConvTranspose2d", nameof(kernelSize), kernelSize, kernelSize);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        OutputPadding = outputPadding;
        Groups = groups;
        Dilation = dilation;

        // PyTorch computes fan_in from weight axis 1 (out/groups) times the kernel for transposed convolutions.
        var (w, b) = ConvInit.Draw([inChannels, outChannels / groups, kernelSize, kernelSize], outChannels / groups * kernelSize * kernelSize, outChannels, bias, generator, dtype);
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

    /// <summary>Kernel size.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding.</summary>
    public int Padding { get; }

    /// <summary>Output padding.</summary>
    public int OutputPadding { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; }

    /// <summary>The weight, [in, out/groups, kh, kw].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose2d(input, Weight.Value, Bias?.Value, Stride, Padding, OutputPadding, Groups, Dilation);

    /// <inheritdoc />
    protected override string Describe() => $"ConvTranspose2d({InChannels} → {OutChannels}, kernel {KernelSize}, stride {Stride})";
}
