using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// The naive twins of <see cref="ElementwiseKernels"/>: one element at a time, by definition. Tests compare
/// the fast kernels against these over edge sizes, strides and broadcasts.
/// </summary>
internal static class ElementwiseReference
{
    public static T Unary<T>(UnaryOp op, T x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return op switch
        {
            UnaryOp.Neg => -x,
            UnaryOp.Sqrt => T.Sqrt(x),
            UnaryOp.Exp => T.Exp(x),
            UnaryOp.Log => T.Log(x),
            UnaryOp.Sin => T.Sin(x),
            UnaryOp.Cos => T.Cos(x),
            UnaryOp.Tan => T.Tan(x),
            UnaryOp.Asin => T.Asin(x),
            UnaryOp.Acos => T.Acos(x),
            UnaryOp.Atan => T.Atan(x),
            UnaryOp.Sinh => T.Sinh(x),
            UnaryOp.Cosh => T.Cosh(x),
            UnaryOp.Tanh => T.Tanh(x),
            UnaryOp.Asinh => T.Asinh(x),
            UnaryOp.Acosh => T.Acosh(x),
            UnaryOp.Atanh => T.Atanh(x),
            UnaryOp.Sigmoid => T.One / (T.One + T.Exp(-x)),
            UnaryOp.Relu => x > T.Zero ? x : T.IsNaN(x) ? x : T.Zero,
            UnaryOp.Abs => T.Abs(x),
            UnaryOp.Sign => T.IsNaN(x) ? x : T.CreateTruncating(T.Sign(x)),
            UnaryOp.Square => x * x,
            UnaryOp.Reciprocal => T.One / x,
            UnaryOp.Log1p => T.CreateTruncating(SpecialFunctions.Log1p(double.CreateTruncating(x))),
            UnaryOp.Expm1 => T.CreateTruncating(SpecialFunctions.Expm1(double.CreateTruncating(x))),
            UnaryOp.Erf => T.CreateTruncating(SpecialFunctions.Erf(double.CreateTruncating(x))),
            UnaryOp.Erfc => T.CreateTruncating(SpecialFunctions.Erfc(double.CreateTruncating(x))),
            UnaryOp.Erfinv => T.CreateTruncating(SpecialFunctions.Erfinv(double.CreateTruncating(x))),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    public static T Binary<T>(BinaryOp op, T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return op switch
        {
            BinaryOp.Add => a + b,
            BinaryOp.Sub => a - b,
            BinaryOp.Mul => a * b,
            BinaryOp.Div => a / b,
            BinaryOp.Pow => T.Pow(a, b),
            BinaryOp.Atan2 => T.Atan2(a, b),
            BinaryOp.Max => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : a >= b ? a : b,
            BinaryOp.Min => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : a <= b ? a : b,
            BinaryOp.Eq => a == b ? T.One : T.Zero,
            BinaryOp.Ne => a != b ? T.One : T.Zero,
            BinaryOp.Lt => a < b ? T.One : T.Zero,
            BinaryOp.Le => a <= b ? T.One : T.Zero,
            BinaryOp.Gt => a > b ? T.One : T.Zero,
            BinaryOp.Ge => a >= b ? T.One : T.Zero,
            BinaryOp.ReluGrad => b > T.Zero ? a : T.Zero,
            BinaryOp.TanhGrad => a * (T.One - b * b),
            BinaryOp.SigmoidGrad => a * b * (T.One - b),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }
}
