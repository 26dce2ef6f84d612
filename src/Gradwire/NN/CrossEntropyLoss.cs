using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Softmax cross-entropy on logits (<see cref="Losses.CrossEntropy"/>: fused, stable), PyTorch's
/// <c>nn.CrossEntropyLoss</c> with its options: class weights, ignore index, label smoothing, reduction.
/// </summary>
/// <param name="weight">Weight per class, [C] in the input's dtype (e.g. from <c>ClassWeights.Balanced</c> for unbalanced data), or null.</param>
/// <param name="ignoreIndex">Targets equal to this count for nothing.</param>
/// <param name="reduction">Mean (Σ w[y]ℓ / Σ w[y] over kept rows), Sum or None.</param>
/// <param name="labelSmoothing">ε in [0, 1].</param>
public sealed class CrossEntropyLoss(Tensor? weight = null, int ignoreIndex = Losses.DefaultIgnoreIndex, Reduction reduction = Reduction.Mean,
    double labelSmoothing = 0) : Loss(reduction)
{
    /// <summary>The weight of each class, or null.</summary>
    public Tensor? Weight { get; } = weight?.DetachFromScope();

    /// <summary>Targets equal to this count for nothing.</summary>
    public int IgnoreIndex { get; } = ignoreIndex;

    /// <summary>The label smoothing ε.</summary>
    public double LabelSmoothing { get; } = labelSmoothing;

    /// <inheritdoc />
    public override string Name => "cross-entropy";

    /// <inheritdoc />
    public override LossTarget Target => LossTarget.ClassIndices;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) =>
        Losses.CrossEntropy(input, target, Weight, IgnoreIndex, Reduction, LabelSmoothing);

    /// <inheritdoc />
    internal override double MeanWeight(Tensor input, Tensor target)
    {
        if (target.Shape == input.Shape)
        {
            return base.MeanWeight(input, target);
        }

        var targets = ClassTargets.Read("cross_entropy", input, target, IgnoreIndex);
        return ClassTargets.KeptWeight(targets, ClassTargets.Weights("cross_entropy", Weight, input), IgnoreIndex);
    }
}
