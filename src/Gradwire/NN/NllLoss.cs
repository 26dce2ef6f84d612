using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Negative log-likelihood on log-probabilities (<see cref="Losses.NllLoss"/>), PyTorch's <c>nn.NLLLoss</c>.</summary>
/// <param name="weight">Weight per class, [C] in the input's dtype, or null.</param>
/// <param name="ignoreIndex">Targets equal to this count for nothing.</param>
/// <param name="reduction">Mean (Σ w[y]ℓ / Σ w[y] over kept rows), Sum or None.</param>
public sealed class NllLoss(Tensor? weight = null, int ignoreIndex = Losses.DefaultIgnoreIndex, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The weight of each class, or null.</summary>
    public Tensor? Weight { get; } = weight?.DetachFromScope();

    /// <summary>Targets equal to this count for nothing.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <inheritdoc />
    public override string Name => "nll";

    /// <inheritdoc />
    public override LossTarget Target => LossTarget.ClassIndices;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.NllLoss(input, target, Weight, IgnoreIndex, Reduction);

    /// <inheritdoc />
    internal override double MeanWeight(Tensor input, Tensor target) =>
        ClassTargets.KeptWeight(ClassTargets.Read("nll_loss", input, target, IgnoreIndex), ClassTargets.Weights("nll_loss", Weight, input), IgnoreIndex);
}
