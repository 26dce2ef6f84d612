using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Batch normalization of images <c>[N, C, H, W]</c>, per channel (see <see cref="BatchNorm"/>):
/// <c>y = (x − μ) / √(σ² + ε) · γ + β</c>, statistics over N, H and W. PyTorch's <c>nn.BatchNorm2d</c>.
/// </summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Channels C.</param>
    /// <param name="eps">ε, added to the variance.</param>
    /// <param name="momentum">Running-average factor, or null for a cumulative average.</param>
    /// <param name="affine">Learnable γ and β.</param>
    /// <param name="trackRunningStats">Keep running estimates for evaluation mode.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        DType dtype = DType.Float32)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    private protected override void CheckInput(Tensor input)
    {
        if (input.Rank != 4)
        {
            throw new ArgumentException($"BatchNorm2d: expected an input [N, C, H, W], got {input.Shape}.", nameof(input));
        }
    }
}
