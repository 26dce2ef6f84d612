using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Smooth L1 loss with threshold β (<see cref="Losses.SmoothL1"/>: Huber(β)/β), PyTorch's <c>nn.SmoothL1Loss</c>.</summary>
/// <param name="beta">The threshold β ≥ 0 (0: the L1 loss).</param>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class SmoothL1Loss(double beta = 1, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The threshold β.</summary>
    public double Beta { get; } = beta >= 0 && !double.IsInfinity(beta) ? beta : throw new ArgumentOutOfRangeException(nameof(beta), beta, "SmoothL1Loss: beta must be ≥ 0 and finite.");

    /// <inheritdoc />
    public override string Name => "smooth-l1";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.SmoothL1(input, target, Beta, Reduction);
}
