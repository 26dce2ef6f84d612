using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Max pooling over [N, C, H, W] windows (see <see cref="Functional.MaxPool2d"/>); stride defaults to the kernel.</summary>
public sealed class MaxPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Square window size.</param>
    /// <param name="stride">Step between windows (default: the kernel size).</param>
    /// <param name="padding">Implicit −∞ padding on each side (at most half the kernel).</param>
    /// <param name="dilation">Spacing between window taps.</param>
    /// <param name="ceilMode">Round the output size up (a last partial window), as PyTorch's ceil_mode.</param>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0, int dilation = 1, bool ceilMode = false)
    {
        ConvChecks.Positive("MaxPool2d", nameof(kernelSize), kernelSize, stride ?? kernelSize);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        Dilation = dilation;
        CeilMode = ceilMode;
    }

    /// <summary>Window size.</summary>
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
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <summary>The pooled values and PyTorch's flat per-plane argmax indices (int64), as <c>return_indices=True</c>.</summary>
    public (Tensor Values, Tensor Indices) ForwardWithIndices(Tensor input) =>
        Functional.MaxPool2dWithIndices(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <inheritdoc />
    protected override string Describe() => $"MaxPool2d({KernelSize}, stride {Stride})";
}
