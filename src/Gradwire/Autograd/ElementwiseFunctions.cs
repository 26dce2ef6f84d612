using Gradwire.Backends;
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
        Dispatch.Unary(op, x, y);
        Dispatch.Record(OpNames.Of(op), x, y);
        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new UnaryNode(op, x, y));
        }

        return y;
    }

    /// <summary>
    /// An element-wise op of two tensors with broadcasting. Comparisons give bool and record nothing. A bool
    /// operand is promoted to the other's dtype (as PyTorch: <c>g * mask</c>); float with int64 is refused.
    /// </summary>
    public static Tensor Binary(BinaryOp op, Tensor a, Tensor b)
    {
        var name = OpNames.Of(op);
        PromoteBool(name, ref a, ref b);
        CheckDType(name, a, b);
        var shape = Broadcasting.Shape(name, a.ShapeArray, b.ShapeArray);
        if (Dispatch.IsComparison(op))
        {
            var mask = Tensor.Empty(shape, DType.Bool);
            Dispatch.Compare(op, a, b, mask);
            Dispatch.Record(name, a, b, mask);
            return mask;
        }

        var y = Tensor.Empty(shape, a.DType);
        Dispatch.Binary(op, a, b, y);
        Dispatch.Record(name, a, b, y);
        if (GradMode.Enabled && op <= BinaryOp.Min && (a.RequiresGrad || b.RequiresGrad))
        {
            y.SetGradFn(new BinaryNode(op, a, b, y));
        }

        return y;
    }

    /// <summary><c>op(x, s)</c> (or <c>op(s, x)</c> for the reversed ops) with a constant scalar.</summary>
    public static Tensor Scalar(ScalarOp op, Tensor x, double s)
    {
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
        if (!x.DType.IsFloatingPoint())
        {
            CheckIntegerScalar(OpNames.Of(kernelOp), kernelOp, x, s);
        }

        var y = Tensor.Empty(x.ShapeArray, x.DType);
        ScalarInto(kernelOp, x, s, scalarFirst, y);
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(OpNames.Of(kernelOp), x, y, FormattableString.Invariant($"scalar={s}, scalar_first={scalarFirst}"));
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new ScalarNode(op, x, s, y));
        }

        return y;
    }

    /// <summary>Comparison with a scalar: a bool tensor, true where it holds; no gradient.</summary>
    public static Tensor CompareScalar(BinaryOp op, Tensor x, double s)
    {
        // An int64 or bool tensor against a fractional scalar compares as float64 (exact below 2⁵³), as PyTorch compares the values.
        var converted = x.DType == DType.Bool || (x.DType == DType.Int64 && s != Math.Truncate(s))
            ? x.To(x.DType == DType.Bool && s == Math.Truncate(s) ? DType.Int64 : DType.Float64, record: false)
            : null;
        var v = converted ?? x;
        using var scalar = Tensor.ScalarUntracked(s, v.DType);
        var y = Tensor.Empty(x.ShapeArray, DType.Bool);
        Dispatch.Compare(op, v, scalar, y);
        converted?.Dispose();
        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(OpNames.Of(op), x, y, FormattableString.Invariant($"scalar={s}"));
        }

        return y;
    }

    /// <summary><c>cond ? a : b</c> with broadcasting, cond a bool tensor; the gradient flows to the chosen side.</summary>
    public static Tensor Where(Tensor cond, Tensor a, Tensor b)
    {
        if (cond.DType != DType.Bool)
        {
            throw new ArgumentException(
                $"where: the condition must be a bool tensor, got {cond.DType.Name()} {Tensors.Shape.Format(cond.ShapeArray)}; " +
                "make one with a comparison (e.g. x.Gt(0)) or cond.Ne(0).");
        }

        PromoteBool("where", ref a, ref b);
        CheckDType("where", a, b);
        var shape = Broadcasting.Shape("where", Broadcasting.Shape("where", cond.ShapeArray, a.ShapeArray), b.ShapeArray);
        var y = Tensor.Empty(shape, a.DType);
        Dispatch.Where(cond, a, b, y);
        Dispatch.Record("where", cond, a, b, y);
        if (GradMode.Enabled && (a.RequiresGrad || b.RequiresGrad))
        {
            y.SetGradFn(new WhereNode(cond, a, b));
        }

        return y;
    }

    /// <summary>A logical op (0 and, 1 or, 2 xor) of two bool tensors, broadcasting; no gradient.</summary>
    public static Tensor Logical(string name, int which, Tensor a, Tensor b)
    {
        var shape = Broadcasting.Shape(name, a.ShapeArray, b.ShapeArray);
        var y = Tensor.Empty(shape, DType.Bool);
        Dispatch.Logical(name, which, a, b, y);
        Dispatch.Record(name, a, b, y);
        return y;
    }

    /// <summary><c>d = op(a, b)</c> into an existing tensor of the broadcast shape (in-place ops use it).</summary>
    public static void BinaryInto(BinaryOp op, Tensor a, Tensor b, Tensor d) => Dispatch.Binary(op, a, b, d);

    /// <summary><c>d = op(x, s)</c> (or <c>op(s, x)</c>) into <paramref name="d"/> of x's shape.</summary>
    public static void ScalarInto(BinaryOp op, Tensor x, double s, bool scalarFirst, Tensor d)
    {
        if (x.IsContiguous && d.IsContiguous && x.Numel < Parallelism.MinParallelElements && x.DType.IsFloatingPoint() && x.Device.IsCpu)
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

    /// <summary>A bool operand meeting a float or int64 one becomes that dtype (PyTorch's promotion for bool); nothing else converts.</summary>
    public static void PromoteBool(string op, ref Tensor a, ref Tensor b)
    {
        if (a.DType == b.DType)
        {
            return;
        }

        if (a.DType == DType.Bool)
        {
            a = a.To(b.DType, record: false);
        }
        else if (b.DType == DType.Bool)
        {
            b = b.To(a.DType, record: false);
        }
    }

    /// <summary>An int64 tensor with a scalar: the op must be an integer one and the scalar a whole number, else a message with the fix.</summary>
    private static void CheckIntegerScalar(string name, BinaryOp op, Tensor x, double s)
    {
        if (x.DType == DType.Bool)
        {
            throw new ArgumentException(
                $"{name}: not defined for a bool tensor (shape {x.Shape}) and a number; convert with To(DType.Int64) or To(DType.Float32) first.");
        }

        if (!Dispatch.IsIntegerOp(op) || s != Math.Truncate(s))
        {
            throw new ArgumentException(
                $"{name}: an int64 tensor (shape {x.Shape}) with the scalar {s} would need float results; Gradwire does not convert silently: " +
                "call To(DType.Float32) (or To(DType.Float64)) first.");
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
        if (a.DType != b.DType && (a.DType == DType.Int64 || b.DType == DType.Int64))
        {
            var floatType = a.DType == DType.Int64 ? b.DType : a.DType;
            throw new ArgumentException(
                $"{op}: dtypes differ: {a.DType.Name()} {Tensors.Shape.Format(a.ShapeArray)} and {b.DType.Name()} {Tensors.Shape.Format(b.ShapeArray)}; " +
                $"Gradwire does not promote int64 to float silently: convert the int64 one with To(DType.{floatType}).");
        }

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
