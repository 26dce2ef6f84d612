using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Merges axes <see cref="StartDim"/> … <see cref="EndDim"/> into one (a view where possible): with the defaults
/// (1, −1) an image batch <c>[N, C, H, W]</c> becomes <c>[N, C·H·W]</c>, ready for a <see cref="Linear"/> layer.
/// PyTorch's <c>nn.Flatten</c>.
/// </summary>
public sealed class Flatten : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="startDim">First axis merged (negative counts from the end).</param>
    /// <param name="endDim">Last axis merged (negative counts from the end).</param>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>First axis merged.</summary>
    public int StartDim { get; }

    /// <summary>Last axis merged.</summary>
    public int EndDim { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc />
    protected override string Describe() => $"Flatten(start_dim={StartDim}, end_dim={EndDim})";
}
