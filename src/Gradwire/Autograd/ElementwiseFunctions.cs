using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Element-wise ops: forward through <see cref="ElementwiseKernels"/>, backward as tensor ops (recorded under
/// createGraph). For the hot activations a plain backward uses one fused kernel instead.
/// </summary>
internal static class ElementwiseFunctions
{
    public static Tensor Unary(UnaryOp op, Tensor x)
    {
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        if (x.DType == DType.Float32)
        {
            ElementwiseKernels.Unary<float>(op, x, y);
        }
        else
        {
            ElementwiseKernels.Unary<double>(op, x, y);
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new UnaryNode(op, x, y));
        }

        return y;
    }

    /// <summary>An element-wise op of two tensors with broadcasting (comparisons record nothing).</summary>
    public static Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        var name = OpNames.Of(op);
        CheckDType(name, a, b);
        var shape = Broadcasting.Shape(name, a.ShapeArray, b.ShapeArray);
        var y = Tensor.Empty(shape, a.DType);
        BinaryInto(op, a, b, y);
        if (GradMode.Enabled && op <= BinaryOp.Min && (a.RequiresGrad || b.RequiresGrad))
        {
            y.SetGradFn(new BinaryNode(op, a, b, y));
        }

        return y;
    }

    /// <summary><c>op(x, s)</c> (or <c>op(s, x)</c> for the reversed ops) with a constant scalar.</summary>
    public static Tensor Scalar(ScalarOp op, Tensor x, double s)
    {
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        var (kernelOp, scalarFirst) = op switch
        {
            ScalarOp.Add => (BinaryOp.Add, false),
            ScalarOp.Mul => (BinaryOp.Mul, false),
            ScalarOp.Div => (BinaryOp.Div, false),
            ScalarOp.Pow => (BinaryOp.Pow, false),
            ScalarOp.Max => (BinaryOp.Max, false),
            ScalarOp.Min => (BinaryOp.Min, false),
            ScalarOp.RSub => (BinaryOp.Sub, true),
            ScalarOp.RDiv => (BinaryOp.Div, true),
            _ => (BinaryOp.Pow, true),
        };
        ScalarInto(kernelOp, x, s, scalarFirst, y);
        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new ScalarNode(op, x, s, y));
        }

        return y;
    }

    /// <summary>Comparison with a scalar: 1 where it holds, else 0; no gradient.</summary>
    public static Tensor CompareScalar(BinaryOp op, Tensor x, double s)
    {
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        ScalarInto(op, x, s, scalarFirst: false, y);
        return y;
    }

    /// <summary><c>cond ≠ 0 ? a : b</c> with broadcasting; the gradient flows to the chosen side.</summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b)
    {
        CheckDType("where", a, b);
        CheckDType("where", cond, a);
        var shape = Broadcasting.Shape("where", Broadcasting.Shape("where", cond.ShapeArray, a.ShapeArray), b.ShapeArray);
        var y = Tensor.Empty(shape, a.DType);
        if (a.DType == DType.Float32)
        {
            ElementwiseKernels.Where<float>(cond, a, b, y);
        }
        else
        {
            ElementwiseKernels.Where<double>(cond, a, b, y);
        }

        if (GradMode.Enabled && (a.RequiresGrad || b.RequiresGrad))
        {
            y.SetGradFn(new WhereNode(cond, a, b));
        }

        return y;
    }

    /// <summary><c>d = op(a, b)</c> into an existing tensor of the broadcast shape (in-place ops use it).</summary>
    public static void BinaryInto(BinaryOp op, Tensor a, Tensor b, Tensor d)
    {
        if (a.DType == DType.Float32)
        {
            ElementwiseKernels.Binary<float>(op, a, b, d);
        }
        else
        {
            ElementwiseKernels.Binary<double>(op, a, b, d);
        }
    }

    /// <summary><c>d = op(x, s)</c> (or <c>op(s, x)</c>) into <paramref name="d"/> of x's shape.</summary>
    public static void ScalarInto(BinaryOp op, Tensor x, double s, bool scalarFirst, Tensor d)
    {
        if (x.IsContiguous && d.IsContiguous && x.Numel < Parallelism.MinParallelElements)
        {
            // Small and contiguous: no scalar tensor, straight to the SIMD span kernel.
            if (x.DType == DType.Float32)
            {
                ReadOnlySpan<float> sv = [(float)s];
                var xs = new ReadOnlySpan<float>(x.Data<float>(), x.Offset, x.Numel);
                var ds = new Span<float>(d.Data<float>(), d.Offset, d.Numel);
                if (scalarFirst) ElementwiseKernels.Binary(op, sv, xs, ds);
                else ElementwiseKernels.Binary(op, xs, sv, ds);
            }
            else
            {
                ReadOnlySpan<double> sv = [s];
                var xs = new ReadOnlySpan<double>(x.Data<double>(), x.Offset, x.Numel);
                var ds = new Span<double>(d.Data<double>(), d.Offset, d.Numel);
                if (scalarFirst) ElementwiseKernels.Binary(op, sv, xs, ds);
                else ElementwiseKernels.Binary(op, xs, sv, ds);
            }

            return;
        }

        using var scalar = Tensor.ScalarUntracked(s, x.DType);
        if (scalarFirst)
        {
            BinaryInto(op, scalar, x, d);
        }
        else
        {
            BinaryInto(op, x, scalar, d);
        }
    }

    /// <summary>Sums a broadcast gradient back to the shape of the input it came from.</summary>
    public static Tensor SumToShape(Tensor g, int[] shape)
    {
        if (g.ShapeArray.AsSpan().SequenceEqual(shape))
        {
            return g;
        }

        var lead = g.Rank - shape.Length;
        Span<int> axes = stackalloc int[g.Rank];
        var count = 0;
        for (var i = 0; i < g.Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && g.ShapeArray[i] != 1))
            {
                axes[count++] = i;
            }
        }

        var summed = g.Sum(axes[..count], keepDim: true);
        return lead > 0 || !summed.ShapeArray.AsSpan().SequenceEqual(shape) ? summed.Reshape(shape) : summed;
    }

    public static void CheckDType(string op, Tensor a, Tensor b)
    {
        if (a.DType != b.DType)
        {
            throw new ArgumentException(
                $"{op}: dtypes differ: {a.DType.Name()} {Tensors.Shape.Format(a.ShapeArray)} and {b.DType.Name()} {Tensors.Shape.Format(b.ShapeArray)}; " +
                $"convert one with To(DType.{a.DType}).");
        }
    }

    // The nodes save tensors and name themselves; their rules live in TensorRules.
    private sealed class UnaryNode(UnaryOp op, Tensor x, Tensor y) : Node(x)
    {
        private readonly SavedTensor _x = new(x);
        private readonly SavedTensor _y = new(y);

        public override string Name => OpNames.Of(op);

        public override void Backward(Tensor g, Span<Tensor?> grads) =>
            grads[0] = TensorRules.Unary(op, g, new TensorRules.Saved(this, _x, default, _y), fused: !GradMode.Enabled);
    }

    private sealed class BinaryNode(BinaryOp op, Tensor a, Tensor b, Tensor y) : Node(a, b)
    {
        private readonly SavedTensor _a = new(a);
        private readonly SavedTensor _b = new(b);
        private readonly SavedTensor _y = new(y);

        public override string Name => OpNames.Of(op);

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var needA = NeedsGrad(0);
            var needB = NeedsGrad(1);
            var (ga, gb) = TensorRules.Binary(op, g, new TensorRules.Saved(this, _a, _b, _y), needA, needB);
            grads[0] = needA && ga is not null ? SumToShape(ga, Input(0).ShapeArray) : null;
            grads[1] = needB && gb is not null ? SumToShape(gb, Input(1).ShapeArray) : null;
        }
    }

    private sealed class ScalarNode(ScalarOp op, Tensor x, double s, Tensor y) : Node(x)
    {
        private readonly SavedTensor _x = new(x);
        private readonly SavedTensor _y = new(y);

        public override string Name => op switch
        {
            ScalarOp.Add => "add",
            ScalarOp.Mul => "mul",
            ScalarOp.Div => "div",
            ScalarOp.Pow => "pow",
            ScalarOp.Max => "max",
            ScalarOp.Min => "min",
            ScalarOp.RSub => "sub",
            ScalarOp.RDiv => "div",
            _ => "pow",
        };

        public override void Backward(Tensor g, Span<Tensor?> grads) =>
            grads[0] = TensorRules.Scalar(op, g, new TensorRules.Saved(this, _x, default, _y), s);
    }

    private sealed class WhereNode(Tensor cond, Tensor a, Tensor b) : Node(a, b)
    {
        private readonly SavedTensor _cond = new(cond);

        public override string Name => "where";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var c = _cond.Get(this);
            var zero = Tensor.Scalar(0, g.DType);
            if (NeedsGrad(0))
            {
                grads[0] = SumToShape(Where(c, g, zero), Input(0).ShapeArray);
            }

            if (NeedsGrad(1))
            {
                grads[1] = SumToShape(Where(c, zero, g), Input(1).ShapeArray);
            }
        }
    }
}

/// <summary>Element-wise ops with one constant scalar operand (R* = scalar on the left).</summary>
internal enum ScalarOp
{
    Add, Mul, Div, Pow, Max, Min, RSub, RDiv, RPow,
}
