namespace Gradwire.Scalars;

/// <summary>
/// A plain double seen through <see cref="IScalar{TSelf}"/>. Reverse mode over doubles runs the rule table
/// with this struct as the type argument, so the JIT specializes the rules to straight double arithmetic:
/// no allocation, no virtual call.
/// </summary>
internal readonly struct DoubleScalar(double value) : IScalar<DoubleScalar>
{
    public readonly double Value = value;

    public double Primal => Value;

    public static DoubleScalar FromDouble(double value) => new(value);

    public static DoubleScalar operator +(DoubleScalar a, DoubleScalar b) => new(a.Value + b.Value);

    public static DoubleScalar operator -(DoubleScalar a, DoubleScalar b) => new(a.Value - b.Value);

    public static DoubleScalar operator *(DoubleScalar a, DoubleScalar b) => new(a.Value * b.Value);

    public static DoubleScalar operator /(DoubleScalar a, DoubleScalar b) => new(a.Value / b.Value);

    public static DoubleScalar operator -(DoubleScalar a) => new(-a.Value);

    public static DoubleScalar Sqrt(DoubleScalar a) => Unary(ScalarOp.Sqrt, a);

    public static DoubleScalar Exp(DoubleScalar a) => Unary(ScalarOp.Exp, a);

    public static DoubleScalar Log(DoubleScalar a) => Unary(ScalarOp.Log, a);

    public static DoubleScalar Pow(DoubleScalar a, DoubleScalar b) => new(ScalarRules.Evaluate(ScalarOp.Pow, a.Value, b.Value, 0));

    public static DoubleScalar Pow(DoubleScalar a, double exponent) =>
        new(ScalarRules.Evaluate(ScalarOp.PowConst, a.Value, 0, exponent));

    public static DoubleScalar Sin(DoubleScalar a) => Unary(ScalarOp.Sin, a);

    public static DoubleScalar Cos(DoubleScalar a) => Unary(ScalarOp.Cos, a);

    public static DoubleScalar Tan(DoubleScalar a) => Unary(ScalarOp.Tan, a);

    public static DoubleScalar Asin(DoubleScalar a) => Unary(ScalarOp.Asin, a);

    public static DoubleScalar Acos(DoubleScalar a) => Unary(ScalarOp.Acos, a);

    public static DoubleScalar Atan(DoubleScalar a) => Unary(ScalarOp.Atan, a);

    public static DoubleScalar Atan2(DoubleScalar y, DoubleScalar x) => new(ScalarRules.Evaluate(ScalarOp.Atan2, y.Value, x.Value, 0));

    public static DoubleScalar Sinh(DoubleScalar a) => Unary(ScalarOp.Sinh, a);

    public static DoubleScalar Cosh(DoubleScalar a) => Unary(ScalarOp.Cosh, a);

    public static DoubleScalar Tanh(DoubleScalar a) => Unary(ScalarOp.Tanh, a);

    public static DoubleScalar Asinh(DoubleScalar a) => Unary(ScalarOp.Asinh, a);

    public static DoubleScalar Acosh(DoubleScalar a) => Unary(ScalarOp.Acosh, a);

    public static DoubleScalar Atanh(DoubleScalar a) => Unary(ScalarOp.Atanh, a);

    public static DoubleScalar Sigmoid(DoubleScalar a) => Unary(ScalarOp.Sigmoid, a);

    public static DoubleScalar Relu(DoubleScalar a) => Unary(ScalarOp.Relu, a);

    public static DoubleScalar Abs(DoubleScalar a) => Unary(ScalarOp.Abs, a);

    public static DoubleScalar Max(DoubleScalar a, DoubleScalar b) => new(ScalarRules.Evaluate(ScalarOp.Max, a.Value, b.Value, 0));

    public static DoubleScalar Min(DoubleScalar a, DoubleScalar b) => new(ScalarRules.Evaluate(ScalarOp.Min, a.Value, b.Value, 0));

    private static DoubleScalar Unary(ScalarOp op, DoubleScalar a) => new(ScalarRules.Evaluate(op, a.Value, 0, 0));

    public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
