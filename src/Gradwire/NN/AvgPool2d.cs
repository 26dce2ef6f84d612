using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Average pooling over [N, C, H, W] windows (see <see cref="Functional.AvgPool2d(Tensor, int, int?, int, bool, bool, int?)"/>).</summary>
public sealed class AvgPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">Square window size.</param>
    /// <param name="stride">Step between windows (default: the kernel size).</param>
    /// <param name="padding">Zero padding on each side (at most half the kernel).</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <param name="countIncludePad">Whether padding zeros count in the divisor (PyTorch's default true).</param>
    /// <param name="divisorOverride">A fixed divisor instead of the window size.</param>
    public AvgPool2d(int kernelSize, int? stride = null, int padding = 0, bool ceilMode = false, bool countIncludePad = true, int? divisorOverride = null)
    {
        ConvChecks.Positive("AvgPool2d", nameof(kernelSize), kernelSize, stride ?? kernelSize);
        KernelSize = kernelSize;
        Stride = stride ?? kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
        DivisorOverride = divisorOverride;
    }

    /// <summary>Window size.</summary>
    public int KernelSize { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding.</summary>
    public int Padding { get; }

    /// <summary>Whether the output size rounds up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether padding zeros count in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>A fixed divisor, or null.</summary>
    public int? DivisorOverride { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) =>
        Functional.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride);

    /// <inheritdoc />
    protected override string Describe() => $"AvgPool2d({KernelSize}, stride {Stride})";
}
