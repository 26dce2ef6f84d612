using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Splits axis <see cref="Dim"/> into <see cref="Sizes"/> (their product must equal its length; one size may be −1,
/// inferred): <c>Unflatten(1, [1, 28, 28])</c> turns <c>[N, 784]</c> into <c>[N, 1, 28, 28]</c>. PyTorch's
/// <c>nn.Unflatten</c>, the inverse of <see cref="Flatten"/>.
/// </summary>
public sealed class Unflatten : Module<Tensor, Tensor>
{
    private readonly int[] _sizes;

    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The axis split (negative counts from the end).</param>
    /// <param name="sizes">The sizes it becomes; at most one −1.</param>
    public Unflatten(int dim, params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Length == 0)
        {
            throw new ArgumentException("Unflatten: sizes must not be empty.", nameof(sizes));
        }

        var inferred = 0;
        foreach (var size in sizes)
        {
            if (size == -1)
            {
                inferred++;
            }
            else if (size < 0)
            {
                throw new ArgumentException($"Unflatten: sizes [{string.Join(", ", sizes)}] may hold non-negative sizes and one −1, not {size}.", nameof(sizes));
            }
        }

        if (inferred > 1)
        {
            throw new ArgumentException($"Unflatten: sizes [{string.Join(", ", sizes)}] may hold only one −1.", nameof(sizes));
        }

        Dim = dim;
        _sizes = (int[])sizes.Clone();
    }

    /// <summary>The axis split.</summary>
    public int Dim { get; }

    /// <summary>The sizes it becomes.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rank = input.Rank;
        var dim = Dim < 0 ? Dim + rank : Dim;
        if (dim < 0 || dim >= rank)
        {
            throw new ArgumentException($"Unflatten: dim {Dim} is out of range for an input {input.Shape} (rank {rank}).", nameof(input));
        }

        var length = input.ShapeArray[dim];
        long known = 1;
        var hole = -1;
        for (var i = 0; i < _sizes.Length; i++)
        {
            if (_sizes[i] == -1)
            {
                hole = i;
            }
            else
            {
                known *= _sizes[i];
            }
        }

        var sizes = (int[])_sizes.Clone();
        if (hole >= 0)
        {
            if (known == 0 || length % known != 0)
            {
                throw new ArgumentException($"Unflatten: axis {dim} of {input.Shape} has length {length}, which [{string.Join(", ", _sizes)}] cannot split.", nameof(input));
            }

            sizes[hole] = (int)(length / known);
        }
        else if (known != length)
        {
            throw new ArgumentException(
                $"Unflatten: axis {dim} of {input.Shape} has length {length} but the sizes [{string.Join(", ", _sizes)}] multiply to {known}.", nameof(input));
        }

        var shape = new int[rank - 1 + sizes.Length];
        var j = 0;
        for (var i = 0; i < rank; i++)
        {
            if (i == dim)
            {
                foreach (var size in sizes)
                {
                    shape[j++] = size;
                }
            }
            else
            {
                shape[j++] = input.ShapeArray[i];
            }
        }

        return input.Reshape(shape);
    }

    /// <inheritdoc />
    protected override string Describe() => $"Unflatten(dim={Dim}, unflattened_size=({string.Join(", ", _sizes)}))";
}
