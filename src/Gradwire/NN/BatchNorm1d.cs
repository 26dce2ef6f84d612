using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Batch normalization of features <c>[N, C]</c> or sequences <c>[N, C, L]</c>, per channel (see <see cref="BatchNorm"/>):
/// <c>y = (x − μ) / √(σ² + ε) · γ + β</c>, statistics over N (and L). PyTorch's <c>nn.BatchNorm1d</c>.
/// </summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer.</summary>
    /// <param name="numFeatures">Channels C.</param>
    /// <param name="eps">ε, added to the variance.</param>
    /// <param name="momentum">Running-average factor, or null for a cumulative average.</param>
    /// <param name="affine">Learnable γ and β.</param>
    /// <param name="trackRunningStats">Keep running estimates for evaluation mode.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true,
        DType dtype = DType.Float32)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, dtype)
    {
    }

    private protected override void CheckInput(Tensor input)
    {
        if (input.Rank is not (2 or 3))
        {
            throw new ArgumentException($"BatchNorm1d: expected an input [N, C] or [N, C, L], got {input.Shape}.", nameof(input));
        }
    }
}
