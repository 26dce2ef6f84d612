using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Channel dropout for images <c>[N, C, H, W]</c> (or one image <c>[C, H, W]</c>): in training mode each whole
/// channel is zeroed with probability <see cref="P"/> and the others scaled by <c>1/(1−p)</c>; identity in
/// evaluation. PyTorch's <c>nn.Dropout2d</c>: neighbouring pixels are correlated, so dropping single pixels
/// hardly regularizes a conv net, dropping feature maps does.
/// </summary>
/// <remarks>
/// As <see cref="Dropout"/>: the mask of the n-th training call comes from a generator seeded with
/// (<see cref="Seed"/>, n), so the whole random state is the call counter <see cref="Calls"/>.
/// </remarks>
public sealed class Dropout2d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="p">Probability of dropping a channel, in [0, 1).</param>
    /// <param name="seed">Seed of the masks.</param>
    public Dropout2d(double p, ulong seed)
    {
        if (!(p >= 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout2d: p must be in [0, 1).");
        }

        P = p;
        Seed = seed;
    }

    /// <summary>Probability of dropping a channel.</summary>
    public double P { get; }

    /// <summary>Seed of the masks.</summary>
    public ulong Seed { get; }

    /// <summary>Training calls made so far (the random state).</summary>
    public long Calls { get; set; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is not (3 or 4))
        {
            throw new ArgumentException($"Dropout2d: expected an input [N, C, H, W] or [C, H, W], got {input.Shape}.", nameof(input));
        }

        if (!IsTraining || P == 0)
        {
            return input;
        }

        // One draw per (sample, channel), broadcast over H and W.
        var maskShape = input.Rank == 4
            ? new Shape(input.ShapeArray[0], input.ShapeArray[1], 1, 1)
            : new Shape(input.ShapeArray[0], 1, 1);
        var generator = new Generator(Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(++Calls)));
        var mask = Tensor.Bernoulli(maskShape, generator, 1 - P, input.DType);
        mask.MulInPlace(1 / (1 - P));
        return input * mask;
    }

    /// <inheritdoc />
    protected override string Describe() => $"Dropout2d(p={P})";
}
