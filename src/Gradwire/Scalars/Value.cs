using System.Runtime.CompilerServices;

namespace Gradwire.Scalars;

/// <summary>
/// A scalar in a computation graph (reverse-mode automatic differentiation, micrograd-sized): its
/// <see cref="Data"/>, the <see cref="Grad"/> that <see cref="Backward"/> accumulates, the op that made it and
/// up to two children. Every op computes its value with the forward formula of the one rule table
/// (<c>ScalarRules</c>); <see cref="Backward"/> multiplies each node's local derivatives from the same table
/// by the gradient from above and accumulates (<c>+=</c>) into the children, so a wire used twice
/// (<c>a * a</c>) gets both contributions.
/// </summary>
/// <remarks>
/// Conventions: at a tie <see cref="Max"/>/<see cref="Min"/> route the gradient to the first argument;
/// relu′(0) = 0; abs′(0) = 0. Outside an op's domain the value is NaN or ±∞, as in PyTorch
/// (the expression evaluator offers a checked mode that names the op instead).
/// A graph is not safe to differentiate from several threads at once (gradients are written into the nodes).
/// </remarks>
public sealed partial class Value : IScalar<Value>
{
    private readonly Value? _a;
    private readonly Value? _b;
    private readonly double _constant;
    private readonly ScalarOp _op;

    /// <summary>A leaf: an input, a parameter or a constant.</summary>
    /// <param name="data">Its value.</param>
    /// <param name="label">An optional name, shown in drawings.</param>
    public Value(double data, string? label = null)
    {
        Data = data;
        Label = label;
    }

    private Value(double data, ScalarOp op, Value a, Value? b, double constant)
    {
        Data = data;
        _op = op;
        _a = a;
        _b = b;
        _constant = constant;
    }

    /// <summary>The value. Settable, so optimizers can update parameters in place.</summary>
    public double Data { get; set; }

    /// <summary>The gradient ∂(output)/∂(this), accumulated by <see cref="Backward"/>; reset by <see cref="ZeroGrad"/>.</summary>
    public double Grad { get; set; }

    /// <summary>The op that made this node: <c>""</c> for a leaf, <c>"+"</c>, <c>"*"</c>, <c>"exp"</c>, <c>"max"</c>, <c>"^2"</c> (constant exponent), …</summary>
    public string Op => ScalarRules.Name(_op, _constant);

    /// <summary>An optional name, shown in drawings and in <see cref="ToString"/>.</summary>
    public string? Label { get; set; }

    /// <summary>The inputs of the op, in argument order (empty for a leaf).</summary>
    public IReadOnlyList<Value> Children => _a is null ? [] : _b is null ? [_a] : [_a, _b];

    /// <summary>True for an input, parameter or constant (a node no op made).</summary>
    public bool IsLeaf => _op == ScalarOp.Leaf;

    internal ScalarOp Primitive => _op;

    internal Value? First => _a;

    internal Value? Second => _b;

    /// <summary>The constant exponent of a <see cref="ScalarOp.PowConst"/> node.</summary>
    internal double Constant => _constant;

    double IScalar<Value>.Primal => Data;

    /// <summary>A constant leaf.</summary>
    public static implicit operator Value(double data) => new(data);

    /// <summary>a + b.</summary>
    public static Value operator +(Value a, Value b) => Binary(ScalarOp.Add, a, b);

    /// <summary>a − b.</summary>
    public static Value operator -(Value a, Value b) => Binary(ScalarOp.Sub, a, b);

    /// <summary>a · b.</summary>
    public static Value operator *(Value a, Value b) => Binary(ScalarOp.Mul, a, b);

    /// <summary>a / b.</summary>
    public static Value operator /(Value a, Value b) => Binary(ScalarOp.Div, a, b);

    /// <summary>−a.</summary>
    public static Value operator -(Value a) => Unary(ScalarOp.Neg, a);

    /// <summary>√a; ∂/∂a = 1 / (2√a).</summary>
    public Value Sqrt() => Unary(ScalarOp.Sqrt, this);

    /// <summary>eᵃ; ∂/∂a = eᵃ.</summary>
    public Value Exp() => Unary(ScalarOp.Exp, this);

    /// <summary>ln a; ∂/∂a = 1 / a.</summary>
    public Value Log() => Unary(ScalarOp.Log, this);

    /// <summary>aᵇ with a differentiable exponent; ∂/∂a = b·aᵇ⁻¹, ∂/∂b = aᵇ·ln a.</summary>
    public Value Pow(Value exponent) => Binary(ScalarOp.Pow, this, exponent);

    /// <summary>aᶜ with a constant exponent (works for a negative base and an integer c); ∂/∂a = c·aᶜ⁻¹.</summary>
    public Value Pow(double exponent) =>
        new(ScalarRules.Evaluate(ScalarOp.PowConst, Data, 0, exponent), ScalarOp.PowConst, this, null, exponent);

    /// <summary>sin a; ∂/∂a = cos a.</summary>
    public Value Sin() => Unary(ScalarOp.Sin, this);

    /// <summary>cos a; ∂/∂a = −sin a.</summary>
    public Value Cos() => Unary(ScalarOp.Cos, this);

    /// <summary>tan a; ∂/∂a = 1 + tan² a.</summary>
    public Value Tan() => Unary(ScalarOp.Tan, this);

    /// <summary>asin a on [−1, 1]; ∂/∂a = 1 / √(1 − a²).</summary>
    public Value Asin() => Unary(ScalarOp.Asin, this);

    /// <summary>acos a on [−1, 1]; ∂/∂a = −1 / √(1 − a²).</summary>
    public Value Acos() => Unary(ScalarOp.Acos, this);

    /// <summary>atan a; ∂/∂a = 1 / (1 + a²).</summary>
    public Value Atan() => Unary(ScalarOp.Atan, this);

    /// <summary>sinh a; ∂/∂a = cosh a.</summary>
    public Value Sinh() => Unary(ScalarOp.Sinh, this);

    /// <summary>cosh a; ∂/∂a = sinh a.</summary>
    public Value Cosh() => Unary(ScalarOp.Cosh, this);

    /// <summary>tanh a; ∂/∂a = 1 − tanh² a.</summary>
    public Value Tanh() => Unary(ScalarOp.Tanh, this);

    /// <summary>asinh a; ∂/∂a = 1 / √(a² + 1).</summary>
    public Value Asinh() => Unary(ScalarOp.Asinh, this);

    /// <summary>acosh a on [1, ∞); ∂/∂a = 1 / (√(a − 1)·√(a + 1)).</summary>
    public Value Acosh() => Unary(ScalarOp.Acosh, this);

    /// <summary>atanh a on (−1, 1); ∂/∂a = 1 / (1 − a²).</summary>
    public Value Atanh() => Unary(ScalarOp.Atanh, this);

    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ); ∂/∂a = σ(a)(1 − σ(a)).</summary>
    public Value Sigmoid() => Unary(ScalarOp.Sigmoid, this);

    /// <summary>max(0, a); ∂/∂a = 1 for a &gt; 0, else 0 (relu′(0) = 0).</summary>
    public Value Relu() => Unary(ScalarOp.Relu, this);

    /// <summary>|a|; ∂/∂a = sign a (abs′(0) = 0).</summary>
    public Value Abs() => Unary(ScalarOp.Abs, this);

    /// <summary>max(a, b); the gradient goes to the larger, to <paramref name="a"/> at a tie.</summary>
    public static Value Max(Value a, Value b) => Binary(ScalarOp.Max, a, b);

    /// <summary>min(a, b); the gradient goes to the smaller, to <paramref name="a"/> at a tie.</summary>
    public static Value Min(Value a, Value b) => Binary(ScalarOp.Min, a, b);

    /// <summary>atan2(y, x), the angle of the point (x, y) in (−π, π]; ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²).</summary>
    public static Value Atan2(Value y, Value x) => Binary(ScalarOp.Atan2, y, x);

    /// <summary>aᵇ with a differentiable exponent (same as <c>a.Pow(b)</c>).</summary>
    public static Value Pow(Value a, Value b) => Binary(ScalarOp.Pow, a, b);

    /// <inheritdoc/>
    public override string ToString() =>
        Label is null ? $"Value(data={ScalarRules.Format(Data)}, grad={ScalarRules.Format(Grad)})"
                      : $"Value({Label}: data={ScalarRules.Format(Data)}, grad={ScalarRules.Format(Grad)})";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Unary(ScalarOp op, Value a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new Value(ScalarRules.Evaluate(op, a.Data, 0, 0), op, a, null, 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Value Binary(ScalarOp op, Value a, Value b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new Value(ScalarRules.Evaluate(op, a.Data, b.Data, 0), op, a, b, 0);
    }

    static Value IScalar<Value>.FromDouble(double value) => new(value);

    static Value IScalar<Value>.Sqrt(Value a) => a.Sqrt();

    static Value IScalar<Value>.Exp(Value a) => a.Exp();

    static Value IScalar<Value>.Log(Value a) => a.Log();

    static Value IScalar<Value>.Pow(Value a, double exponent) => a.Pow(exponent);

    static Value IScalar<Value>.Sin(Value a) => a.Sin();

    static Value IScalar<Value>.Cos(Value a) => a.Cos();

    static Value IScalar<Value>.Tan(Value a) => a.Tan();

    static Value IScalar<Value>.Asin(Value a) => a.Asin();

    static Value IScalar<Value>.Acos(Value a) => a.Acos();

    static Value IScalar<Value>.Atan(Value a) => a.Atan();

    static Value IScalar<Value>.Sinh(Value a) => a.Sinh();

    static Value IScalar<Value>.Cosh(Value a) => a.Cosh();

    static Value IScalar<Value>.Tanh(Value a) => a.Tanh();

    static Value IScalar<Value>.Asinh(Value a) => a.Asinh();

    static Value IScalar<Value>.Acosh(Value a) => a.Acosh();

    static Value IScalar<Value>.Atanh(Value a) => a.Atanh();

    static Value IScalar<Value>.Sigmoid(Value a) => a.Sigmoid();

    static Value IScalar<Value>.Relu(Value a) => a.Relu();

    static Value IScalar<Value>.Abs(Value a) => a.Abs();
}
