using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Mean absolute error (<see cref="Losses.L1"/>), PyTorch's <c>nn.L1Loss</c>.</summary>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class L1Loss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc />
    public override string Name => "l1";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.L1(input, target, Reduction);
}
