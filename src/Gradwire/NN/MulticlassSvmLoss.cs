using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The multiclass SVM (hinge) loss of CS231n with margin Δ (<see cref="Losses.MulticlassSvm(Tensor, Tensor, double, Reduction)"/>).</summary>
/// <param name="margin">Δ.</param>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class MulticlassSvmLoss(double margin = 1, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The margin Δ.</summary>
    public double Margin { get; } = margin;

    /// <inheritdoc />
    public override string Name => "multiclass-svm";

    /// <inheritdoc />
    public override LossTarget Target => LossTarget.ClassIndices;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.MulticlassSvm(input, target, Margin, Reduction);
}
