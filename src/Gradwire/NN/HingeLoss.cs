using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Binary hinge (or squared hinge) loss on one score per sample against ±1 targets (<see cref="Losses.Hinge"/>).</summary>
/// <param name="squared">Whether the violation is squared.</param>
/// <param name="margin">The margin Δ.</param>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class HingeLoss(bool squared = false, double margin = 1, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>Whether the violation is squared.</summary>
    public bool Squared { get; } = squared;

    /// <summary>The margin.</summary>
    public double Margin { get; } = margin;

    /// <inheritdoc />
    public override string Name => Squared ? "squared-hinge" : "hinge";

    /// <inheritdoc />
    public override LossTarget Target => LossTarget.Signs;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) =>
        Squared ? Losses.SquaredHinge(input, target, Margin, Reduction) : Losses.Hinge(input, target, Margin, Reduction);
}
