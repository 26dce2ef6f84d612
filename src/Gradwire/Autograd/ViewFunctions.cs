using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Views share storage with their input; their backward maps the gradient back to the input's layout (a
/// reshape back, the inverse permutation, a sum over broadcast axes, or a scatter of a slice into zeros).
/// </summary>
internal static class ViewFunctions
{
    public static Tensor Reshape(Tensor x, int[] shape, bool record = true)
    {
        Tensor y;
        if (x.IsContiguous)
        {
            y = x.ViewOf(shape, Tensor.ContiguousStrides(shape), x.Offset);
        }
        else
        {
            using var copy = x.CopyContiguousTemp();
            y = copy.ViewOf(shape, Tensor.ContiguousStrides(shape), 0);
        }

        return Record("reshape", record, x, y, static (x, _) => new ReshapeNode(x));
    }

    /// <summary>A view with new shape and strides over the same storage (squeeze, unsqueeze, select).</summary>
    public static Tensor Restride(Tensor x, int[] shape, int[] strides, int offset, bool record = true)
    {
        var y = x.ViewOf(shape, strides, offset);
        return Record("restride", record, x, y, static (x, _) => new ReshapeNode(x));
    }

    public static Tensor Permute(Tensor x, int[] perm, bool record = true)
    {
        var shape = new int[perm.Length];
        var strides = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++)
        {
            shape[i] = x.ShapeArray[perm[i]];
            strides[i] = x.StridesArray[perm[i]];
        }

        var y = x.ViewOf(shape, strides, x.Offset);
        return Record("permute", record, x, y, (x, _) => new PermuteNode(x, perm));
    }

    public static Tensor Expand(Tensor x, int[] shape, bool record = true)
    {
        var strides = new int[shape.Length];
        var lead = shape.Length - x.Rank;
        for (var i = 0; i < x.Rank; i++)
        {
            strides[lead + i] = x.ShapeArray[i] == shape[lead + i] ? x.StridesArray[i] : 0;
        }

        var y = x.ViewOf(shape, strides, x.Offset);
        return Record("expand", record, x, y, static (x, _) => new ExpandNode(x));
    }

    /// <summary>Elements start, start+step, ... (<paramref name="length"/> of them) along <paramref name="axis"/>.</summary>
    public static Tensor Slice(Tensor x, int axis, int start, int length, int step, bool record = true)
    {
        var shape = (int[])x.ShapeArray.Clone();
        var strides = (int[])x.StridesArray.Clone();
        shape[axis] = length;
        strides[axis] *= step;
        var offset = length == 0 ? x.Offset : x.Offset + start * x.StridesArray[axis];
        var y = x.ViewOf(shape, strides, offset);
        return Record("slice", record, x, y, (x, _) => new SliceNode(x, axis, start, length, step));
    }

    /// <summary>
    /// The inverse of a slice for gradients: zeros of <paramref name="shape"/> with <paramref name="g"/> written
    /// at the sliced positions. Differentiable (its backward is the slice again), so second order works.
    /// </summary>
    public static Tensor SliceScatter(Tensor g, int[] shape, int axis, int start, int length, int step)
    {
        var y = Tensor.Zeros(Shape.Wrap(shape), g.DType);
        using (var window = Slice(y, axis, start, length, step, record: false))
        {
            g.CopyInto(window);
        }

        if (GradMode.Enabled && g.RequiresGrad)
        {
            y.SetGradFn(new SliceScatterNode(g, axis, start, length, step));
        }

        return y;
    }

    /// <summary>A contiguous copy whose gradient passes straight through (Contiguous, Clone).</summary>
    public static Tensor Copy(Tensor x, string name)
    {
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        x.CopyInto(y);
        return Record(name, true, x, y, (x, _) => new IdentityNode(x, name));
    }

    /// <summary>Conversion to another dtype; the gradient is converted back.</summary>
    public static Tensor Cast(Tensor x, DType dtype, bool record)
    {
        var y = Tensor.Empty(x.ShapeArray, dtype);
        using var xc = x.IsContiguous ? null : x.CopyContiguousTemp();
        Backends.Dispatch.Convert(xc ?? x, y);

        // As in PyTorch, a conversion to an integer or bool dtype ends the graph (no gradient flows through it).
        if (dtype.IsFloatingPoint())
        {
            return Record("to", record, x, y, static (x, _) => new CastNode(x));
        }

        if (record)
        {
            Backends.Dispatch.Record("to", x, y);
        }

        return y;
    }

    private static Tensor Record(string kind, bool record, Tensor x, Tensor y, Func<Tensor, Tensor, Node> node)
    {
        if (record)
        {
            // Internal temporaries pass record: false; only the user's view ops reach a tracer.
            Backends.Dispatch.Record(kind, x, y);
        }

        if (record && GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(node(x, y));
        }

        return y;
    }

    private sealed class ReshapeNode(Tensor x) : Node(x)
    {
        private readonly int[] _shape = x.ShapeArray;

        public override string Name => "reshape";

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = Reshape(g, _shape);
    }

    private sealed class PermuteNode(Tensor x, int[] perm) : Node(x)
    {
        public override string Name => "permute";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var inverse = new int[perm.Length];
            for (var i = 0; i < perm.Length; i++)
            {
                inverse[perm[i]] = i;
            }

            grads[0] = Permute(g, inverse);
        }
    }

    private sealed class ExpandNode(Tensor x) : Node(x)
    {
        private readonly int[] _shape = x.ShapeArray;

        public override string Name => "expand";

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = ElementwiseFunctions.SumToShape(g, _shape);
    }

    private sealed class SliceNode(Tensor x, int axis, int start, int length, int step) : Node(x)
    {
        private readonly int[] _shape = x.ShapeArray;

        public override string Name => "slice";

        public override void Backward(Tensor g, Span<Tensor?> grads) =>
            grads[0] = SliceScatter(g, _shape, axis, start, length, step);
    }

    private sealed class SliceScatterNode(Tensor g, int axis, int start, int length, int step) : Node(g)
    {
        public override string Name => "slice_backward";

        public override void Backward(Tensor gg, Span<Tensor?> grads) => grads[0] = Slice(gg, axis, start, length, step);
    }

    private sealed class IdentityNode(Tensor x, string name) : Node(x)
    {
        public override string Name => name;

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = g;
    }

    private sealed class CastNode(Tensor x) : Node(x)
    {
        private readonly DType _dtype = x.DType;

        public override string Name => "to";

        public override void Backward(Tensor g, Span<Tensor?> grads) => grads[0] = g.To(_dtype);
    }
}
