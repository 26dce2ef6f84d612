using Gradwire.Backends;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>Sum, max and min over a set of axes; softmax and log-softmax; cumulative sum; arg-max/min.</summary>
internal static class ReductionFunctions
{
    /// <summary>Reduces over <paramref name="axes"/> (all when empty); the result keeps them as size 1 when <paramref name="keepDim"/>.</summary>
    public static Tensor Reduce(ReduceOp op, Tensor x, ReadOnlySpan<int> axes, bool keepDim)
    {
        var name = op switch { ReduceOp.Sum => "sum", ReduceOp.Max => "max", _ => "min" };
        var rank = x.Rank;
        Span<bool> reduced = stackalloc bool[Math.Max(rank, 1)];
        reduced.Clear();
        reduced = reduced[..rank];
        if (axes.IsEmpty)
        {
            reduced.Fill(true);
        }

        foreach (var axis in axes)
        {
            var a = Shape.NormalizeAxis(name, axis, rank);
            if (reduced[a])
            {
                throw new ArgumentException($"{name}: axis {axis} is listed twice.");
            }

            reduced[a] = true;
        }

        var keepShape = new int[rank];
        var outRank = 0;
        for (var i = 0; i < rank; i++)
        {
            keepShape[i] = reduced[i] ? 1 : x.ShapeArray[i];
            outRank += reduced[i] ? 0 : 1;
            if (op != ReduceOp.Sum && reduced[i] && x.ShapeArray[i] == 0)
            {
                throw new ArgumentException($"{name}: cannot reduce axis {i} of size 0 (shape {x.Shape}): the {name} of no elements is undefined.");
            }
        }

        int[] outShape;
        if (keepDim)
        {
            outShape = keepShape;
        }
        else
        {
            outShape = outRank == 0 ? [] : new int[outRank];
            for (int i = 0, j = 0; i < rank; i++)
            {
                if (!reduced[i])
                {
                    outShape[j++] = x.ShapeArray[i];
                }
            }
        }

        if (x.DType == DType.Bool && op == ReduceOp.Sum)
        {
            // As PyTorch: a bool sum counts the true elements, in int64.
            using var counted = x.To(DType.Int64, record: false);
            return Reduce(op, counted, axes, keepDim);
        }

        var y = Tensor.Empty(outShape, x.DType);
        Dispatch.Reduce(name, op, x, y, keepShape);
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(name, x, y, $"axes={Shape.Format(axes)}, keep_dim={keepDim}");
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(op == ReduceOp.Sum
                ? new SumNode(x, keepShape)
                : new ExtremumNode(name, x, y, keepShape, reduced.ToArray()));
        }

        return y;
    }

    /// <summary>Softmax (or log-softmax) along <paramref name="axis"/>, numerically stable.</summary>
    public static Tensor Softmax(Tensor x, int axis, bool log)
    {
        var name = log ? "log_softmax" : "softmax";
        Dispatch.RequireFloat(name, x);
        axis = Shape.NormalizeAxis(name, axis, x.Rank);
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        if (axis == x.Rank - 1)
        {
            using var xc = x.IsContiguous ? null : x.CopyContiguousTemp();
            RunForward(xc ?? x, y, log);
        }
        else
        {
            // Move the axis last, run over rows, move it back.
            using var moved = x.Transpose(axis, -1, record: false);
            using var xc = moved.CopyContiguousTemp();
            using var yc = Tensor.EmptyUntracked(xc.ShapeArray, x.DType);
            RunForward(xc, yc, log);
            using var back = yc.Transpose(axis, -1, record: false);
            back.CopyInto(y);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(name, x, y, $"axis={axis}");
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new SoftmaxNode(name, x, y, axis, log));
        }

        return y;
    }

    /// <summary>Running sum along <paramref name="axis"/> (from the end when <paramref name="reverse"/>).</summary>
    public static Tensor CumSum(Tensor x, int axis, bool reverse)
    {
        Dispatch.RequireFloat("cumsum", x);
        axis = Shape.NormalizeAxis("cumsum", axis, x.Rank);
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        using var moved = x.Transpose(axis, -1, record: false);
        using var xc = moved.CopyContiguousTemp();
        using var yc = Tensor.EmptyUntracked(xc.ShapeArray, x.DType);
        var cols = x.Rank == 0 ? 1 : x.ShapeArray[axis];
        if (x.DType == DType.Float32)
        {
            ReductionKernels.CumSumRows<float>(xc.AsReadOnlySpan<float>(), yc.Data<float>().AsSpan(0, yc.Numel), cols, reverse);
        }
        else
        {
            ReductionKernels.CumSumRows<double>(xc.AsReadOnlySpan<double>(), yc.Data<double>().AsSpan(0, yc.Numel), cols, reverse);
        }

        using (var back = yc.Transpose(axis, -1, record: false))
        {
            back.CopyInto(y);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("cumsum", x, y, $"axis={axis}, reverse={reverse}");
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new CumSumNode(x, axis, reverse));
        }

        return y;
    }

    /// <summary>Int64 indices of the first maximum or minimum along <paramref name="axis"/> (NaN counts as the extremum).</summary>
    public static Tensor ArgExtremum(Tensor x, int? axis, bool keepDim, bool max)
    {
        var name = max ? "argmax" : "argmin";
        if (axis is null)
        {
            using var flat = x.Reshape(-1);
            return ArgExtremum(flat, 0, false, max);
        }

        var a = Shape.NormalizeAxis(name, axis.Value, x.Rank);
        if (x.ShapeArray[a] == 0)
        {
            throw new ArgumentException($"{name}: axis {a} has size 0 (shape {x.Shape}); there is no extremum.");
        }

        using var moved = x.MoveAxisToEnd(a);
        using var xc = moved.CopyContiguousTemp();
        var outShape = new List<int>();
        for (var i = 0; i < x.Rank; i++)
        {
            if (i != a)
            {
                outShape.Add(x.ShapeArray[i]);
            }
            else if (keepDim)
            {
                outShape.Add(1);
            }
        }

        var y = Tensor.Empty(outShape.ToArray(), DType.Int64);
        var cols = x.ShapeArray[a];
        Dispatch.ArgRows(xc, y.Data<long>().AsSpan(0, y.Numel), cols, max);
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(name, x, y, $"axis={a}, keep_dim={keepDim}");
        }

        // With the axis moved last the kept axes keep their order, so the rows are already in y's order.
        return y;
    }

    /// <summary>
    /// Max or min over one axis with the int64 index of the first extremum; the values come through
    /// <see cref="IndexingFunctions.Gather"/>, so the gradient goes to exactly that element (as PyTorch).
    /// </summary>
    public static (Tensor Values, Tensor Indices) ExtremumWithIndices(Tensor x, int axis, bool keepDim, bool max)
    {
        var name = max ? "max" : "min";
        if (x.Rank == 0)
        {
            Shape.NormalizeAxis(name, axis, 1);
            using var flat = x.Reshape(1);
            var (v, i) = ExtremumWithIndices(flat, 0, keepDim: false, max);
            return (v.Reshape([]), i.Reshape([]));
        }

        var a = Shape.NormalizeAxis(name, axis, x.Rank);
        var indices = ArgExtremum(x, a, keepDim: true, max);
        var values = IndexingFunctions.Gather(x, a, indices);
        return keepDim ? (values, indices) : (values.Squeeze(a), indices.Squeeze(a));
    }

    private static void RunForward(Tensor x, Tensor y, bool log)
    {
        var cols = x.Rank == 0 ? 1 : x.ShapeArray[^1];
        var rows = cols == 0 ? 0 : x.Numel / cols;
        if (x.DType == DType.Float32)
        {
            SoftmaxKernels.Forward(x.Data<float>(), x.Offset, y.Data<float>(), y.Offset, rows, cols, log);
        }
        else
        {
            SoftmaxKernels.Forward(x.Data<double>(), x.Offset, y.Data<double>(), y.Offset, rows, cols, log);
        }
    }

    private sealed class SumNode(Tensor x, int[] keepShape) : Node(x)
    {
        private readonly int[] _inputShape = x.ShapeArray;

        public override string Name => "sum";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            if (!GradMode.Enabled && g.IsContiguous)
            {
                // The gradient of a sum is the upstream gradient repeated: one stride-0 view, no copy.
                var strides = new int[_inputShape.Length];
                var step = 1;
                for (var i = keepShape.Length - 1; i >= 0; i--)
                {
                    strides[i] = keepShape[i] == 1 ? 0 : step;
                    step *= keepShape[i];
                }

                grads[0] = g.ViewOf(_inputShape, strides, g.Offset);
                return;
            }

            grads[0] = g.Reshape(keepShape).Expand(_inputShape);
        }
    }

    /// <summary>Max/min: the gradient goes to the elements equal to the extremum, split evenly among ties.</summary>
    private sealed class ExtremumNode(string name, Tensor x, Tensor y, int[] keepShape, bool[] reduced) : Node(x)
    {
        private readonly SavedTensor _x = new(x);
        private readonly SavedTensor _y = new(y);

        public override string Name => name;

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var x = _x.Get(this);
            var yKeep = _y.Get(this).Reshape(keepShape);
            using var equal = x.Eq(yKeep);
            var mask = equal.To(x.DType, record: false);
            Span<int> axes = stackalloc int[reduced.Length];
            var n = 0;
            for (var i = 0; i < reduced.Length; i++)
            {
                if (reduced[i])
                {
                    axes[n++] = i;
                }
            }

            // mask and count carry no gradient, so under createGraph only g's path is recorded.
            var count = mask.Sum(axes[..n], keepDim: true);
            grads[0] = mask / count * g.Reshape(keepShape);
        }
    }

    private sealed class SoftmaxNode(string name, Tensor x, Tensor y, int axis, bool log) : Node(x)
    {
        private readonly SavedTensor _y = new(y);

        public override string Name => name;

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var y = _y.Get(this);
            if (!GradMode.Enabled && axis == y.Rank - 1 && y.IsContiguous)
            {
                using var gc = g.IsContiguous ? null : g.CopyContiguousTemp();
                var gg = gc ?? g;
                var gx = Tensor.Empty(y.ShapeArray, y.DType);
                var cols = y.ShapeArray[^1];
                var rows = cols == 0 ? 0 : y.Numel / cols;
                if (y.DType == DType.Float32)
                {
                    SoftmaxKernels.Backward(gg.Data<float>(), gg.Offset, y.Data<float>(), y.Offset, gx.Data<float>(), 0, rows, cols, log);
                }
                else
                {
                    SoftmaxKernels.Backward(gg.Data<double>(), gg.Offset, y.Data<double>(), y.Offset, gx.Data<double>(), 0, rows, cols, log);
                }

                grads[0] = gx;
                return;
            }

            grads[0] = log
                ? g - y.Exp() * g.Sum(axis, keepDim: true)
                : y * (g - (g * y).Sum(axis, keepDim: true));
        }
    }

    private sealed class CumSumNode(Tensor x, int axis, bool reverse) : Node(x)
    {
        public override string Name => "cumsum";

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = CumSum(g, axis, !reverse);
    }
}
