using Gradwire.Autograd;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Picks along <paramref name="axis"/>: <c>y[i][j] = x[i][index[i][j]]</c> for axis 1 (any rank alike);
    /// <paramref name="index"/> holds whole numbers and has this tensor's rank. Cross-entropy uses
    /// <c>logProbs.Gather(1, targets.Unsqueeze(1))</c>.
    /// </summary>
    public Tensor Gather(int axis, Tensor index) => IndexingFunctions.Gather(this, axis, index);

    /// <summary>A copy of this tensor with <paramref name="source"/> added at the positions <paramref name="index"/> names along <paramref name="axis"/>.</summary>
    public Tensor ScatterAdd(int axis, Tensor index, Tensor source) => IndexingFunctions.ScatterAdd(this, axis, index, source);

    /// <summary>The slices <paramref name="indices"/> of <paramref name="axis"/>, in order (repeats allowed): embedding lookups, batches.</summary>
    public Tensor IndexSelect(int axis, ReadOnlySpan<int> indices) => IndexingFunctions.IndexSelect(this, axis, indices.ToArray());

    /// <summary>Like <see cref="IndexSelect(int, ReadOnlySpan{int})"/> with a 1-D tensor of whole numbers.</summary>
    public Tensor IndexSelect(int axis, Tensor indices) => IndexingFunctions.IndexSelect(this, axis, ToIndices("index_select", indices));

    /// <summary>
    /// One-hot rows: for indices of shape S, a tensor of shape S + [<paramref name="classes"/>] with a 1 at each index.
    /// </summary>
    public static Tensor OneHot(Tensor indices, int classes, DType dtype = DType.Float32) =>
        OneHot(ToIndices("one_hot", indices), indices.ShapeArray, classes, dtype);

    /// <summary>One-hot rows for a list of class indices: shape [n, <paramref name="classes"/>].</summary>
    public static Tensor OneHot(ReadOnlySpan<int> indices, int classes, DType dtype = DType.Float32) =>
        OneHot(indices.ToArray(), [indices.Length], classes, dtype);

    /// <summary>Joins tensors along an existing <paramref name="axis"/>; all other sizes must match.</summary>
    public static Tensor Concat(ReadOnlySpan<Tensor> tensors, int axis = 0) => IndexingFunctions.Concat(tensors, axis);

    /// <summary>Joins equally shaped tensors along a new <paramref name="axis"/>.</summary>
    public static Tensor Stack(ReadOnlySpan<Tensor> tensors, int axis = 0)
    {
        if (tensors.IsEmpty)
        {
            throw new ArgumentException("stack: no tensors given.");
        }

        for (var t = 1; t < tensors.Length; t++)
        {
            if (tensors[t].Shape != tensors[0].Shape)
            {
                throw new ArgumentException($"stack: tensor {t} has shape {tensors[t].Shape} but tensor 0 has shape {tensors[0].Shape}; they must be equal.");
            }
        }

        var a = Shape.NormalizeAxis("stack", axis, tensors[0].Rank + 1);
        var expanded = new Tensor[tensors.Length];
        for (var t = 0; t < tensors.Length; t++)
        {
            expanded[t] = tensors[t].Unsqueeze(a);
        }

        return Concat(expanded, a);
    }

    /// <summary>Views of consecutive pieces of <paramref name="size"/> along <paramref name="axis"/> (the last may be shorter).</summary>
    public Tensor[] Split(int size, int axis = 0)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"split: the piece size must be positive, not {size}.");
        }

        var a = Shape.NormalizeAxis("split", axis, Rank);
        var total = ShapeArray[a];
        var count = Math.Max(1, (total + size - 1) / size);
        var pieces = new Tensor[count];
        for (var i = 0; i < count; i++)
        {
            pieces[i] = Narrow(a, i * size, Math.Min(size, total - i * size));
        }

        return pieces;
    }

    /// <summary>Views of pieces with the given <paramref name="sizes"/> along <paramref name="axis"/> (they must add up to its size).</summary>
    public Tensor[] Split(ReadOnlySpan<int> sizes, int axis = 0)
    {
        var a = Shape.NormalizeAxis("split", axis, Rank);
        var sum = 0;
        foreach (var s in sizes)
        {
            sum += s;
        }

        if (sum != ShapeArray[a])
        {
            throw new ArgumentException($"split: sizes {Shape.Format(sizes)} add up to {sum}, but axis {a} has size {ShapeArray[a]} (shape {Shape}).");
        }

        var pieces = new Tensor[sizes.Length];
        var offset = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            pieces[i] = Narrow(a, offset, sizes[i]);
            offset += sizes[i];
        }

        return pieces;
    }

    /// <summary>Splits into <paramref name="chunks"/> nearly equal views along <paramref name="axis"/>.</summary>
    public Tensor[] Chunk(int chunks, int axis = 0)
    {
        if (chunks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunks), $"chunk: the number of chunks must be positive, not {chunks}.");
        }

        var a = Shape.NormalizeAxis("chunk", axis, Rank);
        return Split(Math.Max(1, (ShapeArray[a] + chunks - 1) / chunks), a);
    }

    private static Tensor OneHot(int[] indices, int[] shape, int classes, DType dtype)
    {
        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"one_hot: the number of classes must be positive, not {classes}.");
        }

        var outShape = new int[shape.Length + 1];
        shape.CopyTo(outShape, 0);
        outShape[^1] = classes;
        var y = Zeros(Shape.Wrap(outShape), dtype);
        for (var i = 0; i < indices.Length; i++)
        {
            var k = indices[i];
            if ((uint)k >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"one_hot: index {k} is out of range for {classes} classes (valid: 0..{classes - 1}).");
            }

            y.SetFlat(i * classes + k, 1);
        }

        return y;
    }

    private static int[] ToIndices(string op, Tensor indices)
    {
        var values = indices.ToDoubleArray();
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var k = (int)values[i];
            if (k != values[i])
            {
                throw new ArgumentException($"{op}: index {values[i]} at position {i} is not a whole number.");
            }

            result[i] = k;
        }

        return result;
    }
}
