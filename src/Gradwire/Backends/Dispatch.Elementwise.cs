using System.Numerics;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Backends;

internal static partial class Dispatch
{
    /// <summary>True for the comparison ops, whose result is bool whatever the operands' dtype.</summary>
    public static bool IsComparison(BinaryOp op) => op is >= BinaryOp.Eq and <= BinaryOp.Ge;

    /// <summary>True when the op is defined on int64 operands (as in PyTorch; true division and the transcendental ops are not).</summary>
    public static bool IsIntegerOp(BinaryOp op) => op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Max or BinaryOp.Min || IsComparison(op);

    /// <summary>True when the unary op is defined on int64 operands.</summary>
    public static bool IsIntegerOp(UnaryOp op) => op is UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign or UnaryOp.Square;

    /// <summary><c>d = op(x)</c>, equal shapes, <paramref name="d"/> contiguous and of x's dtype.</summary>
    public static void Unary(UnaryOp op, Tensor x, Tensor d)
    {
        RequireCpu(OpNames.Of(op), x);
        switch (x.DType)
        {
            case DType.Float32: ElementwiseKernels.Unary<float>(op, x, d); return;
            case DType.Float64: ElementwiseKernels.Unary<double>(op, x, d); return;
            case DType.Int64 when IsIntegerOp(op):
            {
                Span<int> strides = stackalloc int[2 * d.Rank];
                Span<int> offsets = [x.Offset, d.Offset];
                StridesOf(x, d.Rank, strides, 0);
                StridesOf(d, d.Rank, strides, 1);
                var xs = x.Data<long>();
                var ds = d.Data<long>();
                switch (op)
                {
                    case UnaryOp.Neg: TypedElementwiseKernels.Map1<long, long, NegOp>(xs, ds, d.ShapeArray, strides, offsets); break;
                    case UnaryOp.Abs: TypedElementwiseKernels.Map1<long, long, AbsOp>(xs, ds, d.ShapeArray, strides, offsets); break;
                    case UnaryOp.Sign: TypedElementwiseKernels.Map1<long, long, SignOp>(xs, ds, d.ShapeArray, strides, offsets); break;
                    default: TypedElementwiseKernels.Map1<long, long, SquareOp>(xs, ds, d.ShapeArray, strides, offsets); break;
                }

                return;
            }

            default:
                throw new ArgumentException(
                    $"{OpNames.Of(op)}: not defined for {x.DType.Name()} tensors (shape {x.Shape}); " +
                    (x.DType == DType.Int64 ? "int64 supports neg, abs, sign and square; " : "") +
                    "convert with To(DType.Float32) first (Gradwire never converts silently).");
        }
    }

    /// <summary>
    /// <c>d = op(a, b)</c> with broadcasting, all three of one dtype (the caller promoted bool operands).
    /// Float goes to the SIMD kernels; int64 to the typed ones; anything else is refused naming the op.
    /// </summary>
    public static void Binary(BinaryOp op, Tensor a, Tensor b, Tensor d)
    {
        RequireCpu(OpNames.Of(op), a);
        RequireCpu(OpNames.Of(op), b);
        switch (d.DType)
        {
            case DType.Float32: ElementwiseKernels.Binary<float>(op, a, b, d); return;
            case DType.Float64: ElementwiseKernels.Binary<double>(op, a, b, d); return;
            case DType.Int64 when IsIntegerOp(op) && !IsComparison(op):
            {
                var rank = d.Rank;
                Span<int> strides = stackalloc int[3 * rank];
                Span<int> offsets = [a.Offset, b.Offset, d.Offset];
                BinaryStrides(a, b, d, strides);
                long[] ad = a.Data<long>(), bd = b.Data<long>(), dd = d.Data<long>();
                switch (op)
                {
                    case BinaryOp.Add: TypedElementwiseKernels.Map2<long, long, long, AddOp<long>>(ad, bd, dd, d.ShapeArray, strides, offsets); break;
                    case BinaryOp.Sub: TypedElementwiseKernels.Map2<long, long, long, SubOp<long>>(ad, bd, dd, d.ShapeArray, strides, offsets); break;
                    case BinaryOp.Mul: TypedElementwiseKernels.Map2<long, long, long, MulOp<long>>(ad, bd, dd, d.ShapeArray, strides, offsets); break;
                    case BinaryOp.Max: TypedElementwiseKernels.Map2<long, long, long, MaxOp<long>>(ad, bd, dd, d.ShapeArray, strides, offsets); break;
                    default: TypedElementwiseKernels.Map2<long, long, long, MinOp<long>>(ad, bd, dd, d.ShapeArray, strides, offsets); break;
                }

                return;
            }

            default:
                throw NotDefined(OpNames.Of(op), a, b,
                    d.DType == DType.Int64
                        ? "int64 supports add, sub, mul, max, min and comparisons; for true division convert with To(DType.Float32) (or use FloorDivide)"
                        : "bool supports comparisons, Where and the logical ops And/Or/Xor/Not; convert with To(DType.Int64) or To(DType.Float32) for arithmetic");
        }
    }

    /// <summary><c>d = a op b</c> for a comparison op, with broadcasting: <paramref name="a"/> and <paramref name="b"/> of one dtype, <paramref name="d"/> bool.</summary>
    public static void Compare(BinaryOp op, Tensor a, Tensor b, Tensor d)
    {
        RequireCpu(OpNames.Of(op), a);
        RequireCpu(OpNames.Of(op), b);
        switch (a.DType)
        {
            case DType.Float32: Compare<float>(op, a, b, d); return;
            case DType.Float64: Compare<double>(op, a, b, d); return;
            case DType.Int64: Compare<long>(op, a, b, d); return;
            default:
                if (op is not (BinaryOp.Eq or BinaryOp.Ne))
                {
                    throw NotDefined(OpNames.Of(op), a, b, "bool tensors compare with Eq and Ne only; convert with To(DType.Int64) to order them");
                }

                Map2(a, b, d, op == BinaryOp.Eq ? 0 : 1);
                return;
        }
    }

    /// <summary><c>d = a op b</c> for the logical ops on bool tensors (0 = and, 1 = or, 2 = xor), broadcasting.</summary>
    public static void Logical(string name, int which, Tensor a, Tensor b, Tensor d)
    {
        if (a.DType != DType.Bool || b.DType != DType.Bool)
        {
            throw NotDefined(name, a, b, "the logical ops take bool tensors; make one with a comparison (x.Ne(0)) or To(DType.Bool)");
        }

        RequireCpu(name, a);
        RequireCpu(name, b);
        Map2(a, b, d, 2 + which);
    }

    /// <summary><c>d = ¬x</c> for a bool tensor.</summary>
    public static void Not(Tensor x, Tensor d)
    {
        if (x.DType != DType.Bool)
        {
            throw new ArgumentException($"logical_not: takes a bool tensor, got {x.DType.Name()} (shape {x.Shape}); make one with a comparison or To(DType.Bool).");
        }

        RequireCpu("logical_not", x);
        Span<int> strides = stackalloc int[2 * d.Rank];
        Span<int> offsets = [x.Offset, d.Offset];
        StridesOf(x, d.Rank, strides, 0);
        StridesOf(d, d.Rank, strides, 1);
        TypedElementwiseKernels.Map1<bool, bool, NotOp>(x.Data<bool>(), d.Data<bool>(), d.ShapeArray, strides, offsets);
    }

    /// <summary><c>d = cond ? a : b</c> with broadcasting: cond bool, a, b and d of one dtype.</summary>
    public static void Where(Tensor cond, Tensor a, Tensor b, Tensor d)
    {
        RequireCpu("where", cond);
        RequireCpu("where", a);
        RequireCpu("where", b);
        var rank = d.Rank;
        Span<int> strides = stackalloc int[4 * rank];
        Span<int> offsets = [cond.Offset, a.Offset, b.Offset, d.Offset];
        StridesOf(cond, rank, strides, 0);
        StridesOf(a, rank, strides, 1);
        StridesOf(b, rank, strides, 2);
        StridesOf(d, rank, strides, 3);
        var c = cond.Data<bool>();
        switch (d.DType)
        {
            case DType.Float32: TypedElementwiseKernels.Where(c, a.Data<float>(), b.Data<float>(), d.Data<float>(), d.ShapeArray, strides, offsets); break;
            case DType.Float64: TypedElementwiseKernels.Where(c, a.Data<double>(), b.Data<double>(), d.Data<double>(), d.ShapeArray, strides, offsets); break;
            case DType.Int64: TypedElementwiseKernels.Where(c, a.Data<long>(), b.Data<long>(), d.Data<long>(), d.ShapeArray, strides, offsets); break;
            default: TypedElementwiseKernels.Where(c, a.Data<bool>(), b.Data<bool>(), d.Data<bool>(), d.ShapeArray, strides, offsets); break;
        }
    }

    /// <summary>An error for an op given dtypes it does not take, with the hint <paramref name="fix"/>.</summary>
    public static ArgumentException NotDefined(string op, Tensor a, Tensor b, string fix) =>
        new($"{op}: not defined for {a.DType.Name()} {Shape.Format(a.ShapeArray)} and {b.DType.Name()} {Shape.Format(b.ShapeArray)}; {fix}.");

    /// <summary>The strides of a, b (broadcast to d's rank) and d, one after another in <paramref name="strides"/> (3 × rank).</summary>
    private static void BinaryStrides(Tensor a, Tensor b, Tensor d, Span<int> strides)
    {
        StridesOf(a, d.Rank, strides, 0);
        StridesOf(b, d.Rank, strides, 1);
        StridesOf(d, d.Rank, strides, 2);
    }

    /// <summary>Writes <paramref name="t"/>'s broadcast strides as operand <paramref name="operand"/> of a strided loop over <paramref name="rank"/> axes.</summary>
    private static void StridesOf(Tensor t, int rank, Span<int> strides, int operand) =>
        Broadcasting.StridesInto(t, rank, strides.Slice(operand * rank, rank));

    private static void Compare<T>(BinaryOp op, Tensor a, Tensor b, Tensor d)
        where T : unmanaged, INumber<T>
    {
        var rank = d.Rank;
        Span<int> strides = stackalloc int[3 * rank];
        Span<int> offsets = [a.Offset, b.Offset, d.Offset];
        BinaryStrides(a, b, d, strides);
        T[] ad = a.Data<T>(), bd = b.Data<T>();
        var dd = d.Data<bool>();
        ReadOnlySpan<int> shape = d.ShapeArray;
        switch (op)
        {
            case BinaryOp.Eq: TypedElementwiseKernels.Map2<T, T, bool, EqOp<T>>(ad, bd, dd, shape, strides, offsets); break;
            case BinaryOp.Ne: TypedElementwiseKernels.Map2<T, T, bool, NeOp<T>>(ad, bd, dd, shape, strides, offsets); break;
            case BinaryOp.Lt: TypedElementwiseKernels.Map2<T, T, bool, LtOp<T>>(ad, bd, dd, shape, strides, offsets); break;
            case BinaryOp.Le: TypedElementwiseKernels.Map2<T, T, bool, LeOp<T>>(ad, bd, dd, shape, strides, offsets); break;
            case BinaryOp.Gt: TypedElementwiseKernels.Map2<T, T, bool, GtOp<T>>(ad, bd, dd, shape, strides, offsets); break;
            default: TypedElementwiseKernels.Map2<T, T, bool, GeOp<T>>(ad, bd, dd, shape, strides, offsets); break;
        }
    }

    /// <summary>Bool-to-bool maps: 0 eq, 1 ne (xor), 2 and, 3 or, 4 xor.</summary>
    private static void Map2(Tensor a, Tensor b, Tensor d, int which)
    {
        var rank = d.Rank;
        Span<int> strides = stackalloc int[3 * rank];
        Span<int> offsets = [a.Offset, b.Offset, d.Offset];
        BinaryStrides(a, b, d, strides);
        bool[] ad = a.Data<bool>(), bd = b.Data<bool>(), dd = d.Data<bool>();
        ReadOnlySpan<int> shape = d.ShapeArray;
        switch (which)
        {
            case 0: TypedElementwiseKernels.Map2<bool, bool, bool, BoolEqOp>(ad, bd, dd, shape, strides, offsets); break;
            case 2: TypedElementwiseKernels.Map2<bool, bool, bool, AndOp>(ad, bd, dd, shape, strides, offsets); break;
            case 3: TypedElementwiseKernels.Map2<bool, bool, bool, OrOp>(ad, bd, dd, shape, strides, offsets); break;
            default: TypedElementwiseKernels.Map2<bool, bool, bool, XorOp>(ad, bd, dd, shape, strides, offsets); break;
        }
    }
}
