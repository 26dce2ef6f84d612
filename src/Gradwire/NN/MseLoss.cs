using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Mean squared error (<see cref="Losses.Mse"/>), PyTorch's <c>nn.MSELoss</c>.</summary>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class MseLoss(Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.Mse(input, target, Reduction);
}
