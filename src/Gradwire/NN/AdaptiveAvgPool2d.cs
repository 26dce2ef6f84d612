using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Adaptive average pooling to a fixed output size (see <see cref="Functional.AdaptiveAvgPool2d(Tensor, ValueTuple{int, int})"/>).</summary>
public sealed class AdaptiveAvgPool2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer for output (height, width).</summary>
    /// <param name="outputSize">Output (height, width).</param>
    public AdaptiveAvgPool2d((int H, int W) outputSize)
    {
        ConvChecks.Positive("AdaptiveAvgPool2d", nameof(outputSize), outputSize.H, outputSize.W);
        OutputSize = outputSize;
    }

    /// <summary>Creates the layer for a square output.</summary>
    /// <param name="outputSize">Output height and width.</param>
    public AdaptiveAvgPool2d(int outputSize)
        : this((outputSize, outputSize))
    {
    }

    /// <summary>Output (height, width).</summary>
    public (int H, int W) OutputSize { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, OutputSize);

    /// <inheritdoc />
    protected override string Describe() => $"AdaptiveAvgPool2d({OutputSize.H}×{OutputSize.W})";
}
