using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Huber loss with threshold δ (<see cref="Losses.Huber"/>: quadratic near zero, linear far away), PyTorch's <c>nn.HuberLoss</c>.</summary>
/// <param name="delta">The threshold δ &gt; 0.</param>
/// <param name="reduction">Mean, Sum or None.</param>
public sealed class HuberLoss(double delta = 1, Reduction reduction = Reduction.Mean) : Loss(reduction)
{
    /// <summary>The threshold δ.</summary>
    public double Delta { get; } = delta > 0 ? delta : throw new ArgumentOutOfRangeException(nameof(delta), delta, "HuberLoss: delta must be > 0.");

    /// <inheritdoc />
    public override string Name => "huber";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.Huber(input, target, Delta, Reduction);
}
