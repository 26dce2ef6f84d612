using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Inverted dropout: in training mode each element is zeroed with probability <see cref="P"/> and the survivors
/// scaled by <c>1/(1−p)</c>, so evaluation (identity) sees the same expected activation.
/// </summary>
/// <remarks>
/// The mask of the n-th training call comes from a generator seeded with (<see cref="Seed"/>, n): the whole
/// random state is the call counter <see cref="Calls"/>, which a checkpoint saves, so a resumed run draws the
/// same masks as an uninterrupted one.
/// </remarks>
public sealed class Dropout : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of dropping an element, in [0, 1).</param>
    /// <param name="seed">Seed of the masks.</param>
    public Dropout(double p, ulong seed)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout: p must be in [0, 1).");
        }

        P = p;
        Seed = seed;
    }

    /// <summary>Probability of dropping an element.</summary>
    public double P { get; }

    /// <summary>Seed of the masks (restored by checkpoints with <see cref="Calls"/>).</summary>
    public ulong Seed { get; internal set; }

    /// <summary>Training calls made so far (the random state; restored by checkpoints).</summary>
    public long Calls { get; set; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        if (!IsTraining || P == 0)
        {
            return input;
        }

        var generator = new Generator(Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(++Calls)));
        var mask = Tensor.Bernoulli(input.Shape, generator, 1 - P, input.DType);
        mask.MulInPlace(1 / (1 - P));
        return input * mask;
    }

    /// <inheritdoc />
    protected override string Describe() => $"Dropout(p={P})";
}
