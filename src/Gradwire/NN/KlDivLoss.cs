using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Kullback–Leibler divergence on log-probabilities (<see cref="Losses.KlDiv"/>), PyTorch's <c>nn.KLDivLoss</c>.</summary>
/// <param name="reduction">Mean (over elements, PyTorch's default), BatchMean (the KL divergence per sample), Sum or None.</param>
/// <param name="logTarget">Whether the target is given as log-probabilities too.</param>
public sealed class KlDivLoss(Reduction reduction = Reduction.Mean, bool logTarget = false) : Loss(reduction)
{
    /// <summary>Whether the target is given as log-probabilities.</summary>
    public bool LogTarget { get; } = logTarget;

    /// <inheritdoc />
    public override string Name => "kl-div";

    /// <inheritdoc />
    public override Tensor Forward(Tensor input, Tensor target) => Losses.KlDiv(input, target, Reduction, LogTarget);
}
