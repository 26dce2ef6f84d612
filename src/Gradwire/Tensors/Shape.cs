using System.Runtime.CompilerServices;
using System.Text;

namespace Gradwire.Tensors;

/// <summary>
/// The sizes of a tensor's axes, outermost first: <c>[3,4]</c> is 3 rows of 4. Immutable; a scalar has rank 0
/// and one element. Collection expressions build one: <c>Tensor.Zeros([3, 4])</c>.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>
{
    private static readonly int[] NoDims = [];
    private readonly int[]? _dims;

    /// <summary>A shape with the given sizes (each ≥ 0).</summary>
    public Shape(params int[] dims)
        : this((ReadOnlySpan<int>)dims)
    {
    }

    /// <summary>A shape with the given sizes (each ≥ 0).</summary>
    public Shape(ReadOnlySpan<int> dims)
    {
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0)
            {
                throw new ArgumentException(
                    $"shape {Format(dims)}: axis {i} has size {dims[i]}; sizes must be 0 or more.", nameof(dims));
            }
        }

        // The element count is checked by whatever makes a tensor of this shape, which names itself in the error.
        _dims = dims.Length == 0 ? NoDims : dims.ToArray();
    }

    /// <summary>Wraps <paramref name="dims"/> without copying; the caller gives up the array.</summary>
    private Shape(int[] dims, bool owned) => _dims = owned ? dims : (int[])dims.Clone();

    /// <summary>The collection-expression builder: <c>Shape s = [3, 4];</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    /// <summary>The scalar shape <c>[]</c> (rank 0, one element).</summary>
    public static Shape Scalar => new(NoDims, owned: true);

    /// <summary>The sizes, outermost first.</summary>
    public ReadOnlySpan<int> Dims => _dims ?? NoDims;

    /// <summary>Number of axes.</summary>
    public int Rank => (_dims ?? NoDims).Length;

    /// <summary>Number of elements: the product of the sizes (1 for a scalar); throws when more than one tensor can hold.</summary>
    public int Numel => ElementCount(_dims ?? NoDims);

    /// <summary>The size of <paramref name="axis"/>; negative axes count from the end (-1 is the last).</summary>
    public int this[int axis] => (_dims ?? NoDims)[NormalizeAxis("shape", axis, Rank)];

    internal int[] Array => _dims ?? NoDims;

    /// <summary>Lets a shape be passed where sizes are expected, e.g. <c>x.Reshape(y.Shape)</c>.</summary>
    public static implicit operator ReadOnlySpan<int>(Shape shape) => shape.Dims;

    /// <summary>Equal sizes on every axis.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Different rank or a different size on some axis.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Enumerates the sizes (so collection expressions and <c>foreach</c> work).</summary>
    public ReadOnlySpan<int>.Enumerator GetEnumerator() => Dims.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in Dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary><c>[3,4]</c>; a scalar is <c>[]</c>.</summary>
    public override string ToString() => Format(Dims);

    internal static Shape Wrap(int[] dims) => new(dims, owned: true);

    internal static string Format(ReadOnlySpan<int> dims)
    {
        var sb = new StringBuilder(2 + dims.Length * 4);
        sb.Append('[');
        for (var i = 0; i < dims.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(dims[i]);
        }

        return sb.Append(']').ToString();
    }

    internal static int ElementCount(ReadOnlySpan<int> dims) => CheckedNumel("numel", dims);

    /// <summary>
    /// The most elements one tensor can hold: the longest array .NET allocates (<see cref="System.Array.MaxLength"/>,
    /// a little under <see cref="int.MaxValue"/>).
    /// </summary>
    internal static int MaxElements => System.Array.MaxLength;

    /// <summary>
    /// The element count of <paramref name="dims"/>, or an error naming <paramref name="op"/> and the shape when it
    /// is more than one tensor can hold (or a size is negative). Every shape computation goes through here, so an
    /// element count never wraps around.
    /// </summary>
    /// <remarks>
    /// NOTE: a zero anywhere makes the count 0 however large the other sizes are (<c>[65536, 65536, 0]</c> is a valid
    /// empty tensor, as in PyTorch), so the product saturates instead of stopping at the first large partial product.
    /// </remarks>
    internal static int CheckedNumel(string op, ReadOnlySpan<int> dims)
    {
        long count = 1;
        var tooMany = false;
        for (var i = 0; i < dims.Length; i++)
        {
            var d = dims[i];
            if (d < 0)
            {
                throw new ArgumentException($"{op}: shape {Format(dims)}: axis {i} has size {d}; sizes must be 0 or more.");
            }

            if (d == 0)
            {
                return 0;
            }

            if (!tooMany)
            {
                count *= d; // both factors ≤ int.MaxValue: the product fits a long
                tooMany = count > MaxElements;
            }
        }

        if (tooMany)
        {
            throw new ArgumentException(
                $"{op}: shape {Format(dims)} has {DescribeCount(dims)} elements; one tensor holds at most {MaxElements} " +
                "(the longest .NET array). Use smaller sizes, or split the work into pieces.");
        }

        return (int)count;
    }

    /// <summary>Whether a tensor of shape <paramref name="dims"/> (sizes ≥ 0) fits in one array.</summary>
    internal static bool Fits(ReadOnlySpan<int> dims)
    {
        long count = 1;
        foreach (var d in dims)
        {
            if (d == 0)
            {
                return true;
            }

            count = Math.Min(count * d, (long)MaxElements + 1);
        }

        return count <= MaxElements;
    }

    /// <summary>The exact element count of a shape too large for one tensor, for messages.</summary>
    internal static string DescribeCount(ReadOnlySpan<int> dims)
    {
        var n = System.Numerics.BigInteger.One;
        foreach (var d in dims)
        {
            n *= d;
        }

        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Maps a possibly negative axis into [0, rank), or throws naming the op, axis and rank.</summary>
    internal static int NormalizeAxis(string op, int axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis),
                rank == 0
                    ? $"{op}: axis {axis} is out of range for a scalar (rank 0), which has no axes."
                    : $"{op}: axis {axis} is out of range for rank {rank} (valid: {-rank}..{rank - 1}).");
        }

        return a;
    }
}
