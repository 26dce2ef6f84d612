using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Binary cross-entropy on logits (<see cref="Losses.BinaryCrossEntropyWithLogits"/>), PyTorch's <c>nn.BCEWithLogitsLoss</c>.</summary>
/// <param name="weight">Element weight broadcast against the input, or null.</param>
/// <param name="posWeight">Positive-class weight broadcast along the last axis, or null.</param>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class BceWithLogitsLoss(Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The element weight, or null.</summary>
    public Tensor? Weight { get; } = weight?.DetachFromScope();

    /// <summary>The positive-class weight, or null.</summary>
    public Tensor? PosWeight { get; } = posWeight?.DetachFromScope();

    /// <inheritdoc />
    public override string Name => "bce";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.BinaryCrossEntropyWithLogits(input, target, Weight, PosWeight, Reduction);
}
