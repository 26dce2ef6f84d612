using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Max pooling over [N, C, L] windows (see <see cref="Functional.MaxPool1d"/>); stride defaults to the kernel.</summary>
public sealed class MaxPool1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Window length.</param>
    /// <param name="stride">Step between windows (default: the kernel size).</param>
    /// <param name="padding">Implicit −∞ padding on each side (at most half the kernel).</param>
    /// <param name="dilation">Spacing between window taps.</param>
    /// <param name="ceilMode">Round the output size up.</param>
    public MaxPool1d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
    {
        ConvChecks.Positive("MaxPool1d", nameof(kernelSize), kernelSize, stride ?? kernelSize);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Dilation = dilation;
        CeilMode = ceilMode;
    }

    /// <summary>Window length.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding.</summary>
    public int Padding { get; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; }

    /// <summary>Whether the output size rounds up.</summary>
    public bool CeilMode { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.MaxPool1d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <summary>The pooled values and argmax positions along L (int64).</summary>
    public (Tensor Values, Tensor Indices) ForwardWithIndices(Tensor input) =>
        Functional.MaxPool1dWithIndices(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc />
    protected override string Describe() => $"MaxPool1d({KernelSize}, stride {Stride})";
}
