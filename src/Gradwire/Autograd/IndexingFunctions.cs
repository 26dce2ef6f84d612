using Gradwire.Backends;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Gather, scatter-add, index-select, sort/top-k and concatenation. Index tensors are int64 (as PyTorch); every
/// index is checked and a bad one names the axis and size. Sort and top-k return their values through
/// <see cref="Gather"/>, so their gradient is gather's: a scatter-add to the chosen elements.
/// </summary>
internal static class IndexingFunctions
{
    /// <summary><c>y[p] = x[p with p[axis] = index[p]]</c>; y has index's shape.</summary>
    public static Tensor Gather(Tensor x, int axis, Tensor index)
    {
        axis = Shape.NormalizeAxis("gather", axis, x.Rank);
        CheckIndexShape("gather", x, index, axis, "index");
        var y = Tensor.Empty(index.ShapeArray, x.DType);
        var positions = Positions("gather", x, axis, index);
        Dispatch.GatherAt(x, positions, y);
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("gather", x, index, y, $"axis={axis}");
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new GatherNode(x, axis, index));
        }

        return y;
    }

    /// <summary><c>y = x</c>, then <c>y[p with p[axis] = index[p]] += src[p]</c> for every position p of index.</summary>
    public static Tensor ScatterAdd(Tensor x, int axis, Tensor index, Tensor src)
    {
        axis = Shape.NormalizeAxis("scatter_add", axis, x.Rank);
        ElementwiseFunctions.CheckDType("scatter_add", x, src);
        if (!index.ShapeArray.AsSpan().SequenceEqual(src.ShapeArray))
        {
            throw new ArgumentException($"scatter_add: index has shape {index.Shape} but src has shape {src.Shape}; they must match.");
        }

        CheckIndexShape("scatter_add", x, index, axis, "index");
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        x.CopyInto(y);
        var positions = Positions("scatter_add", y, axis, index);
        using var sc = src.IsContiguous ? null : src.CopyContiguousTemp();
        Dispatch.ScatterAddAt(y, positions, sc ?? src);
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("scatter_add", x, index, src, y, $"axis={axis}");
        }

        if (GradMode.Enabled && (x.RequiresGrad || src.RequiresGrad))
        {
            y.SetGradFn(new ScatterAddNode(x, src, axis, index));
        }

        return y;
    }

    /// <summary>The slices <paramref name="indices"/> of <paramref name="axis"/>, in that order.</summary>
    public static Tensor IndexSelect(Tensor x, int axis, int[] indices)
    {
        axis = Shape.NormalizeAxis("index_select", axis, x.Rank);
        var size = x.ShapeArray[axis];
        foreach (var i in indices)
        {
            if ((uint)i >= (uint)size)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), $"index_select: index {i} is out of range for axis {axis} of size {size} (shape {x.Shape}).");
            }
        }

        var shape = (int[])x.ShapeArray.Clone();
        shape[axis] = indices.Length;
        var y = Tensor.Empty(shape, x.DType);
        if (axis == 0 && x.IsContiguous)
        {
            // Rows of a contiguous tensor (an embedding table, a dataset): one block copy per index.
            switch (x.DType)
            {
                case DType.Float32: CopyRows<float>(x, y, indices); break;
                case DType.Float64: CopyRows<double>(x, y, indices); break;
                case DType.Int64: CopyRows<long>(x, y, indices); break;
                default: CopyRows<bool>(x, y, indices); break;
            }
        }
        else
        {
            for (var j = 0; j < indices.Length; j++)
            {
                using var from = ViewFunctions.Slice(x, axis, indices[j], 1, 1, record: false);
                using var to = ViewFunctions.Slice(y, axis, j, 1, 1, record: false);
                from.CopyInto(to);
            }
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("index_select", x, y, $"axis={axis}, index={Shape.Format(indices)}");
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new IndexSelectNode(x, axis, indices));
        }

        return y;
    }

    /// <summary>Zeros of <paramref name="shape"/> with slice <c>indices[j]</c> += <c>g</c>'s slice j: index-select's backward.</summary>
    public static Tensor IndexAdd(Tensor g, int[] shape, int axis, int[] indices)
    {
        var y = Tensor.Zeros(Shape.Wrap(shape), g.DType);
        if (axis == 0 && g.IsContiguous)
        {
            if (g.DType == DType.Float32)
            {
                AddRows<float>(g, y, indices);
            }
            else
            {
                AddRows<double>(g, y, indices);
            }
        }
        else
        {
            for (var j = 0; j < indices.Length; j++)
            {
                using var from = ViewFunctions.Slice(g, axis, j, 1, 1, record: false);
                using var to = ViewFunctions.Slice(y, axis, indices[j], 1, 1, record: false);
                ElementwiseFunctions.BinaryInto(Kernels.BinaryOp.Add, to, from, to);
            }
        }

        if (GradMode.Enabled && g.RequiresGrad)
        {
            y.SetGradFn(new IndexAddNode(g, axis, indices));
        }

        return y;
    }

    /// <summary>Joins tensors along an existing axis.</summary>
    public static Tensor Concat(ReadOnlySpan<Tensor> tensors, int axis)
    {
        if (tensors.IsEmpty)
        {
            throw new ArgumentException("concat: no tensors given.");
        }

        var first = tensors[0];
        axis = Shape.NormalizeAxis("concat", axis, first.Rank);
        long total = 0;
        var requiresGrad = false;
        for (var t = 0; t < tensors.Length; t++)
        {
            var x = tensors[t];
            ElementwiseFunctions.CheckDType("concat", first, x);
            if (x.Rank != first.Rank)
            {
                throw new ArgumentException($"concat: tensor {t} has shape {x.Shape} but tensor 0 has shape {first.Shape}; ranks differ.");
            }

            for (var i = 0; i < x.Rank; i++)
            {
                if (i != axis && x.ShapeArray[i] != first.ShapeArray[i])
                {
                    throw new ArgumentException(
                        $"concat: tensor {t} has shape {x.Shape} but tensor 0 has shape {first.Shape}; all axes except {axis} must match (axis {i} differs).");
                }
            }

            total += x.ShapeArray[axis];
            requiresGrad |= x.RequiresGrad;
        }

        var shape = (int[])first.ShapeArray.Clone();
        shape[axis] = (int)Math.Min(total, int.MaxValue);
        if (total > int.MaxValue || !Shape.Fits(shape))
        {
            throw new ArgumentException(
                $"concat: joining {tensors.Length} tensors along axis {axis} gives size {total} on that axis (the other axes as " +
                $"tensor 0's {first.Shape}): more than the {Shape.MaxElements} elements one tensor holds (the longest .NET array).");
        }

        var y = Tensor.Empty(shape, first.DType);
        var offset = 0;
        var sizes = new int[tensors.Length];
        foreach (var x in tensors)
        {
            var len = x.ShapeArray[axis];
            using var window = ViewFunctions.Slice(y, axis, offset, len, 1, record: false);
            x.CopyInto(window);
            offset += len;
        }

        for (var t = 0; t < tensors.Length; t++)
        {
            sizes[t] = tensors[t].ShapeArray[axis];
        }

        if (GradMode.Enabled && requiresGrad)
        {
            y.SetGradFn(new ConcatNode(tensors.ToArray(), axis, sizes));
        }

        return y;
    }

    private static void CopyRows<T>(Tensor x, Tensor y, int[] indices)
        where T : unmanaged
    {
        var row = indices.Length == 0 ? 0 : y.Numel / indices.Length;
        var xd = x.Data<T>();
        var yd = y.Data<T>();
        for (var j = 0; j < indices.Length; j++)
        {
            new ReadOnlySpan<T>(xd, x.Offset + indices[j] * row, row).CopyTo(new Span<T>(yd, j * row, row));
        }
    }

    private static void AddRows<T>(Tensor g, Tensor y, int[] indices)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var row = indices.Length == 0 ? 0 : g.Numel / indices.Length;
        var gd = g.Data<T>();
        var yd = y.Data<T>();
        for (var j = 0; j < indices.Length; j++)
        {
            var target = new Span<T>(yd, indices[j] * row, row);
            System.Numerics.Tensors.TensorPrimitives.Add(target, new ReadOnlySpan<T>(gd, g.Offset + j * row, row), target);
        }
    }

    private static void CheckIndexShape(string op, Tensor x, Tensor index, int axis, string what)
    {
        if (index.Rank != x.Rank)
        {
            throw new ArgumentException($"{op}: {what} has shape {index.Shape} but the input has shape {x.Shape}; ranks must match.");
        }

        for (var i = 0; i < x.Rank; i++)
        {
            if (i != axis && index.ShapeArray[i] > x.ShapeArray[i])
            {
                throw new ArgumentException(
                    $"{op}: {what} has shape {index.Shape} but the input has shape {x.Shape}; on axis {i} the {what} may not be larger.");
            }
        }
    }

    /// <summary>The int64 values of a 1-D index tensor as ints, each checked to lie in [0, <paramref name="size"/>).</summary>
    public static int[] IndexValues(string op, Tensor index, int axis, int size, Tensor x)
    {
        CheckIndexDType(op, index);
        if (index.Rank > 1)
        {
            throw new ArgumentException($"{op}: the index must be 1-D (or a scalar), not shape {index.Shape}.");
        }

        var values = index.ToArray<long>();
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            // No wrap-around for negative indices, as torch.index_select.
            var k = values[i];
            if ((ulong)k >= (ulong)size)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), $"{op}: index {values[i]} is out of range for axis {axis} of size {size} (shape {x.Shape}).");
            }

            result[i] = (int)k;
        }

        return result;
    }

    /// <summary>Throws unless <paramref name="index"/> is int64, with PyTorch's wording.</summary>
    public static void CheckIndexDType(string op, Tensor index)
    {
        if (index.DType != DType.Int64)
        {
            throw new ArgumentException(
                $"{op}: index tensor must be int64, got {index.DType.Name()} (shape {index.Shape}); convert it with To(DType.Int64) or build it with Tensor.FromArray(long[]).");
        }
    }

    /// <summary>
    /// Sorts along <paramref name="axis"/>, stably (ties keep their order, as <c>torch.sort(stable=True)</c>):
    /// the sorted values (differentiable, through gather) and their int64 source indices.
    /// </summary>
    public static (Tensor Values, Tensor Indices) Sort(Tensor x, int axis, bool descending, int take = -1)
    {
        var op = take < 0 ? "sort" : "topk";
        var a = Shape.NormalizeAxis(op, axis, Math.Max(x.Rank, 1));
        if (x.Rank == 0)
        {
            using var flat = x.Reshape(1);
            var (v, i) = Sort(flat, 0, descending, take);
            return (v.Reshape([]), i.Reshape([]));
        }

        var cols = x.ShapeArray[a];
        using var swapped = x.Transpose(a, -1, record: false);
        using var xc = swapped.CopyContiguousTemp();
        using var sortedValues = Tensor.EmptyUntracked(xc.ShapeArray, x.DType);
        using var sortedIndices = Tensor.EmptyUntracked(xc.ShapeArray, DType.Int64);
        Dispatch.SortRows(op, xc, sortedValues, sortedIndices.Data<long>().AsSpan(0, xc.Numel), cols, descending);
        Tensor indices;
        using (var back = sortedIndices.Transpose(a, -1, record: false))
        {
            using var kept = take < 0 ? null : ViewFunctions.Slice(back, a, 0, take, 1, record: false);
            var source = kept ?? back;
            indices = Tensor.Empty(source.ShapeArray, DType.Int64);
            source.CopyInto(indices);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(op, x, indices, take < 0 ? $"axis={a}, descending={descending}" : $"axis={a}, k={take}, largest={descending}");
        }
        return (Gather(x, a, indices), indices);
    }

    /// <summary>Storage offsets in <paramref name="x"/> addressed by each element of <paramref name="index"/> (row-major order).</summary>
    private static int[] Positions(string op, Tensor x, int axis, Tensor index)
    {
        CheckIndexDType(op, index);
        var rank = x.Rank;
        var indexData = index.Data<long>();
        var positions = new int[index.Numel];
        Span<int> counter = stackalloc int[Math.Max(rank, 1)];
        counter.Clear();
        var size = x.ShapeArray[axis];
        for (var i = 0; i < positions.Length; i++)
        {
            var indexAt = index.Offset;
            for (var d = 0; d < rank; d++)
            {
                indexAt += counter[d] * index.StridesArray[d];
            }

            var value = indexData[indexAt];
            var k = (int)value;
            if ((ulong)value >= (ulong)size)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(index), $"{op}: index {value} is out of range for axis {axis} of size {size} (input shape {x.Shape}).");
            }

            var at = x.Offset;
            for (var d = 0; d < rank; d++)
            {
                at += (d == axis ? k : counter[d]) * x.StridesArray[d];
            }

            positions[i] = at;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++counter[d] < index.ShapeArray[d])
                {
                    break;
                }

                counter[d] = 0;
            }
        }

        return positions;
    }

    private sealed class GatherNode(Tensor x, int axis, Tensor index) : Node(x)
    {
        private readonly int[] _shape = x.ShapeArray;
        private readonly SavedTensor _index = new(index);

        public override string Name => "gather";

        public override void Backward(Tensor g, Span<Tensor?> grads) =>
            grads[0] = ScatterAdd(Tensor.Zeros(Shape.Wrap(_shape), g.DType), axis, _index.Get(this), g);
    }

    private sealed class ScatterAddNode(Tensor x, Tensor src, int axis, Tensor index) : Node(x, src)
    {
        private readonly SavedTensor _index = new(index);

        public override string Name => "scatter_add";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            grads[0] = NeedsGrad(0) ? g : null;
            grads[1] = NeedsGrad(1) ? Gather(g, axis, _index.Get(this)) : null;
        }
    }

    private sealed class IndexSelectNode(Tensor x, int axis, int[] indices) : Node(x)
    {
        private readonly int[] _shape = x.ShapeArray;

        public override string Name => "index_select";

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = IndexAdd(g, _shape, axis, indices);
    }

    private sealed class IndexAddNode(Tensor g, int axis, int[] indices) : Node(g)
    {
        public override string Name => "index_add";

        public override void Backward(Tensor gg, Span<Tensor?> grads) => grads[0] = IndexSelect(gg, axis, indices);
    }

    private sealed class ConcatNode(Tensor[] inputs, int axis, int[] sizes) : Node(inputs)
    {
        public override string Name => "concat";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var offset = 0;
            for (var t = 0; t < sizes.Length; t++)
            {
                if (NeedsGrad(t))
                {
                    grads[t] = g.Narrow(axis, offset, sizes[t]);
                }

                offset += sizes[t];
            }
        }
    }
}
