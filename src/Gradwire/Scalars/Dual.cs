using System.Runtime.CompilerServices;

namespace Gradwire.Scalars;

/// <summary>
/// A dual number for forward-mode automatic differentiation: a primal and a tangent (the directional
/// derivative), carried through every op with the tangent rule of the one rule table:
/// tangent(out) = ∂out/∂a · tangent(a) + ∂out/∂b · tangent(b).
/// </summary>
/// <remarks>
/// Safe to nest. Each derivative (<see cref="Diff.Derivative"/>, <see cref="Diff.Jvp(System.Func{Dual, Dual}, Dual, Dual)"/>)
/// perturbs its input with a fresh <em>tag</em>; primal and tangent are themselves duals, so a derivative of a
/// derivative is a dual of duals. An op on duals with different tags treats the one with the lower (outer)
/// tag as a constant of the higher (inner) one, and a derivative extracts only the tangent of its own tag.
/// That avoids perturbation confusion (Siskind and Pearlmutter, 2005): d/dx [x · d/dy (x + y)] = 1, not 2.
/// </remarks>
public sealed class Dual : IScalar<Dual>
{
    private static int s_lastTag;
    private static readonly Dual ZeroConstant = new(0);
    private static readonly Dual OneConstant = new(1);

    private readonly double _real;
    private readonly Dual? _primal;
    private readonly Dual? _tangent;
    private readonly int _tag;

    /// <summary>A constant: no perturbation, tangent 0.</summary>
    /// <param name="value">Its value.</param>
    public Dual(double value) => _real = value;

    private Dual(int tag, Dual primal, Dual tangent)
    {
        _tag = tag;
        _primal = primal;
        _tangent = tangent;
        _real = primal._real;
    }

    /// <summary>The plain number at the bottom of every perturbation (the value of the function).</summary>
    public double Primal => _real;

    /// <summary>
    /// The tangent of the innermost (most recent) perturbation as a plain number; 0 for a constant. For the
    /// tangent of a particular derivative use <see cref="Diff.Derivative"/>.
    /// </summary>
    public double Tangent => _tag == 0 ? 0 : _tangent!._real;

    /// <summary>True when no perturbation is carried.</summary>
    public bool IsConstant => _tag == 0;

    /// <summary>A constant.</summary>
    public static implicit operator Dual(double value) => new(value);

    /// <summary>A constant.</summary>
    public static Dual FromDouble(double value) => value == 0 ? ZeroConstant : value == 1 ? OneConstant : new Dual(value);

    /// <summary>a + b.</summary>
    public static Dual operator +(Dual a, Dual b) => Apply(ScalarOp.Add, a, b, 0);

    /// <summary>a − b.</summary>
    public static Dual operator -(Dual a, Dual b) => Apply(ScalarOp.Sub, a, b, 0);

    /// <summary>a · b.</summary>
    public static Dual operator *(Dual a, Dual b) => Apply(ScalarOp.Mul, a, b, 0);

    /// <summary>a / b.</summary>
    public static Dual operator /(Dual a, Dual b) => Apply(ScalarOp.Div, a, b, 0);

    /// <summary>−a.</summary>
    public static Dual operator -(Dual a) => Apply(ScalarOp.Neg, a, a, 0);

    /// <summary>√a.</summary>
    public Dual Sqrt() => Apply(ScalarOp.Sqrt, this, this, 0);

    /// <summary>eᵃ.</summary>
    public Dual Exp() => Apply(ScalarOp.Exp, this, this, 0);

    /// <summary>ln a.</summary>
    public Dual Log() => Apply(ScalarOp.Log, this, this, 0);

    /// <summary>aᵇ with a differentiable exponent.</summary>
    public static Dual Pow(Dual a, Dual b) => Apply(ScalarOp.Pow, a, b, 0);

    /// <summary>thisᵉ with a differentiable exponent.</summary>
    public Dual Pow(Dual exponent) => Apply(ScalarOp.Pow, this, exponent, 0);

    /// <summary>thisᶜ with a constant exponent.</summary>
    public Dual Pow(double exponent) => Apply(ScalarOp.PowConst, this, this, exponent);

    /// <summary>sin a.</summary>
    public Dual Sin() => Apply(ScalarOp.Sin, this, this, 0);

    /// <summary>cos a.</summary>
    public Dual Cos() => Apply(ScalarOp.Cos, this, this, 0);

    /// <summary>tan a.</summary>
    public Dual Tan() => Apply(ScalarOp.Tan, this, this, 0);

    /// <summary>asin a.</summary>
    public Dual Asin() => Apply(ScalarOp.Asin, this, this, 0);

    /// <summary>acos a.</summary>
    public Dual Acos() => Apply(ScalarOp.Acos, this, this, 0);

    /// <summary>atan a.</summary>
    public Dual Atan() => Apply(ScalarOp.Atan, this, this, 0);

    /// <summary>atan2(y, x).</summary>
    public static Dual Atan2(Dual y, Dual x) => Apply(ScalarOp.Atan2, y, x, 0);

    /// <summary>sinh a.</summary>
    public Dual Sinh() => Apply(ScalarOp.Sinh, this, this, 0);

    /// <summary>cosh a.</summary>
    public Dual Cosh() => Apply(ScalarOp.Cosh, this, this, 0);

    /// <summary>tanh a.</summary>
    public Dual Tanh() => Apply(ScalarOp.Tanh, this, this, 0);

    /// <summary>asinh a.</summary>
    public Dual Asinh() => Apply(ScalarOp.Asinh, this, this, 0);

    /// <summary>acosh a.</summary>
    public Dual Acosh() => Apply(ScalarOp.Acosh, this, this, 0);

    /// <summary>atanh a.</summary>
    public Dual Atanh() => Apply(ScalarOp.Atanh, this, this, 0);

    /// <summary>σ(a).</summary>
    public Dual Sigmoid() => Apply(ScalarOp.Sigmoid, this, this, 0);

    /// <summary>max(0, a); relu′(0) = 0.</summary>
    public Dual Relu() => Apply(ScalarOp.Relu, this, this, 0);

    /// <summary>|a|; abs′(0) = 0.</summary>
    public Dual Abs() => Apply(ScalarOp.Abs, this, this, 0);

    /// <summary>max(a, b); the first argument wins a tie.</summary>
    public static Dual Max(Dual a, Dual b) => Apply(ScalarOp.Max, a, b, 0);

    /// <summary>min(a, b); the first argument wins a tie.</summary>
    public static Dual Min(Dual a, Dual b) => Apply(ScalarOp.Min, a, b, 0);

    // The table's generic code calls the static forms; users write t.Exp(), as on Value.
    static Dual IScalar<Dual>.Sqrt(Dual a) => a.Sqrt();

    static Dual IScalar<Dual>.Exp(Dual a) => a.Exp();

    static Dual IScalar<Dual>.Log(Dual a) => a.Log();

    static Dual IScalar<Dual>.Sin(Dual a) => a.Sin();

    static Dual IScalar<Dual>.Cos(Dual a) => a.Cos();

    static Dual IScalar<Dual>.Tan(Dual a) => a.Tan();

    static Dual IScalar<Dual>.Asin(Dual a) => a.Asin();

    static Dual IScalar<Dual>.Acos(Dual a) => a.Acos();

    static Dual IScalar<Dual>.Atan(Dual a) => a.Atan();

    static Dual IScalar<Dual>.Sinh(Dual a) => a.Sinh();

    static Dual IScalar<Dual>.Cosh(Dual a) => a.Cosh();

    static Dual IScalar<Dual>.Tanh(Dual a) => a.Tanh();

    static Dual IScalar<Dual>.Asinh(Dual a) => a.Asinh();

    static Dual IScalar<Dual>.Acosh(Dual a) => a.Acosh();

    static Dual IScalar<Dual>.Atanh(Dual a) => a.Atanh();

    static Dual IScalar<Dual>.Sigmoid(Dual a) => a.Sigmoid();

    static Dual IScalar<Dual>.Relu(Dual a) => a.Relu();

    static Dual IScalar<Dual>.Abs(Dual a) => a.Abs();

    static Dual IScalar<Dual>.Pow(Dual a, double exponent) => a.Pow(exponent);

    /// <inheritdoc/>
    public override string ToString() => _tag == 0
        ? ScalarRules.Format(_real)
        : $"Dual({ScalarRules.Format(_real)}, tangent={ScalarRules.Format(Tangent)}, tag={_tag})";

    /// <summary>A fresh tag, larger than every tag before it (so inner derivatives have higher tags).</summary>
    internal static int NewTag() => Interlocked.Increment(ref s_lastTag);

    /// <summary><paramref name="primal"/> perturbed in the direction <paramref name="tangent"/> under <paramref name="tag"/>.</summary>
    internal static Dual Perturb(int tag, Dual primal, Dual tangent) => new(tag, primal, tangent);

    /// <summary>The part of <paramref name="y"/> without the perturbation <paramref name="tag"/>.</summary>
    internal static Dual PrimalOf(Dual y, int tag) =>
        y._tag == tag ? y._primal!
        : y._tag < tag ? y
        : Make(y._tag, PrimalOf(y._primal!, tag), PrimalOf(y._tangent!, tag));

    /// <summary>The coefficient of the perturbation <paramref name="tag"/> in <paramref name="y"/>.</summary>
    internal static Dual TangentOf(Dual y, int tag) =>
        y._tag == tag ? y._tangent!
        : y._tag < tag ? ZeroConstant
        : Make(y._tag, TangentOf(y._primal!, tag), TangentOf(y._tangent!, tag));

    /// <summary>
    /// One op: the primal through the op itself (recursively, for nested perturbations), the tangent through
    /// the local derivatives of the rule table. Unary ops ignore <paramref name="b"/>.
    /// </summary>
    private static Dual Apply(ScalarOp op, Dual a, Dual b, double constant)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var binary = ScalarRules.Arity(op) == 2;
        if (a._tag == 0 && (!binary || b._tag == 0))
        {
            return new Dual(ScalarRules.Evaluate(op, a._real, b._real, constant));
        }

        var tag = binary ? Math.Max(a._tag, b._tag) : a._tag;
        var (pa, ta) = Split(a, tag);
        var (pb, tb) = binary ? Split(b, tag) : (pa, ZeroConstant);
        var primal = Apply(op, pa, pb, constant);
        var (da, db) = ScalarRules.Derivatives(op, pa, pb, primal, constant);

        // A zero tangent contributes nothing: skip it, so a NaN local derivative of a constant input
        // (ln a for pow's exponent at a < 0) does not poison the result, as in PyTorch's forward AD.
        var tangent = IsZero(ta) ? null : da * ta;
        if (!IsZero(tb))
        {
            tangent = tangent is null ? db * tb : tangent + db * tb;
        }

        return Make(tag, primal, tangent ?? ZeroConstant);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Dual Primal, Dual Tangent) Split(Dual x, int tag) =>
        x._tag == tag ? (x._primal!, x._tangent!) : (x, ZeroConstant);

    private static bool IsZero(Dual x) => x._tag == 0 && x._real == 0;

    private static Dual Make(int tag, Dual primal, Dual tangent) => IsZero(tangent) ? primal : new Dual(tag, primal, tangent);
}
