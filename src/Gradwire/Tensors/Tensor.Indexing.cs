using Gradwire.Autograd;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Picks along <paramref name="axis"/>: <c>y[i][j] = x[i][index[i][j]]</c> for axis 1 (any rank alike);
    /// <paramref name="index"/> is an int64 tensor of this tensor's rank (as <c>torch.gather</c>). Cross-entropy
    /// uses <c>logProbs.Gather(1, targets.Unsqueeze(1))</c>. Gradient: a scatter-add of the upstream gradient.
    /// </summary>
    public Tensor Gather(int axis, Tensor index) => IndexingFunctions.Gather(this, axis, index);

    /// <summary>
    /// A copy of this tensor with <paramref name="source"/> added at the positions the int64
    /// <paramref name="index"/> names along <paramref name="axis"/>: <c>y[i][index[i][j]] += source[i][j]</c> for
    /// axis 1. Gradients: the upstream one for this tensor, gathered at <paramref name="index"/> for the source.
    /// </summary>
    public Tensor ScatterAdd(int axis, Tensor index, Tensor source) => IndexingFunctions.ScatterAdd(this, axis, index, source);

    /// <summary>The slices <paramref name="indices"/> of <paramref name="axis"/>, in order (repeats allowed): embedding lookups, batches.</summary>
    public Tensor IndexSelect(int axis, ReadOnlySpan<int> indices) => IndexingFunctions.IndexSelect(this, axis, indices.ToArray());

    /// <summary>Like <see cref="IndexSelect(int, ReadOnlySpan{int})"/> with a 1-D int64 index tensor (as <c>torch.index_select</c>).</summary>
    public Tensor IndexSelect(int axis, Tensor indices)
    {
        var a = Shape.NormalizeAxis("index_select", axis, Rank);
        return IndexingFunctions.IndexSelect(this, a, IndexingFunctions.IndexValues("index_select", indices, a, ShapeArray[a], this));
    }

    /// <summary>
    /// One-hot rows as <c>torch.nn.functional.one_hot</c>: for int64 <paramref name="labels"/> of shape S, an
    /// int64 tensor (or <paramref name="dtype"/>) of shape S + [<paramref name="classes"/>] with a 1 at each label.
    /// <paramref name="classes"/> = −1 takes the largest label + 1.
    /// </summary>
    public static Tensor OneHot(Tensor labels, int classes = -1, DType dtype = DType.Int64)
    {
        IndexingFunctions.CheckIndexDType("one_hot", labels);
        var values = labels.ToArray<long>();
        if (classes == -1)
        {
            long largest = -1;
            foreach (var v in values)
            {
                largest = Math.Max(largest, v);
            }

            classes = (int)Math.Min(largest + 1, int.MaxValue);
        }

        var indices = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            indices[i] = values[i] < 0 || values[i] > int.MaxValue ? -1 : (int)values[i];
            if (indices[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"one_hot: index {values[i]} is out of range for {classes} classes (valid: 0..{classes - 1}).");
            }
        }

        return OneHot(indices, labels.ShapeArray, classes, dtype);
    }

    /// <summary>
    /// The <paramref name="k"/> largest (or smallest) elements along <paramref name="axis"/> and their int64
    /// indices, as <c>torch.topk</c>; always in sorted order (largest first, or smallest first), ties by
    /// position. The gradient goes to the chosen elements.
    /// </summary>
    public (Tensor Values, Tensor Indices) TopK(int k, int axis = -1, bool largest = true)
    {
        var a = Shape.NormalizeAxis("topk", axis, Math.Max(Rank, 1));
        var size = Rank == 0 ? 1 : ShapeArray[a];
        if (k < 0 || k > size)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"topk: k = {k} is out of range for axis {a} of size {size} (shape {Shape}); it must be in 0..{size}.");
        }

        return IndexingFunctions.Sort(this, a, descending: largest, take: k);
    }

    /// <summary>
    /// Sorts along <paramref name="axis"/> (ascending, or <paramref name="descending"/>), stably as
    /// <c>torch.sort(stable=True)</c>: equal elements keep their order; NaN sorts as the largest. Returns the
    /// sorted values (the gradient goes back to where each came from) and their int64 indices.
    /// </summary>
    public (Tensor Values, Tensor Indices) Sort(int axis = -1, bool descending = false) =>
        IndexingFunctions.Sort(this, axis, descending);

    /// <summary>The int64 indices that sort along <paramref name="axis"/> (stable), as <c>torch.argsort(stable=True)</c>.</summary>
    public Tensor ArgSort(int axis = -1, bool descending = false) => IndexingFunctions.Sort(this, axis, descending).Indices;

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
}
