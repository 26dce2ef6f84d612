namespace Gradwire.Scalars;

/// <summary>
/// A number that the scalar op table can compute with: plain doubles, reverse-mode <see cref="Value"/>s and
/// forward-mode <c>Dual</c>s. A function written once over <c>T : IScalar&lt;T&gt;</c> can be evaluated,
/// differentiated in reverse mode and differentiated in forward mode.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IScalar<TSelf> where TSelf : IScalar<TSelf>
{
    /// <summary>The plain number underneath (for comparisons, masks and printing).</summary>
    double Primal { get; }

    /// <summary>A constant.</summary>
    static abstract TSelf FromDouble(double value);

    /// <summary>a + b.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>a − b.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>a · b.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>a / b.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>−a.</summary>
    static abstract TSelf operator -(TSelf a);

    /// <summary>√a.</summary>
    static abstract TSelf Sqrt(TSelf a);

    /// <summary>eᵃ.</summary>
    static abstract TSelf Exp(TSelf a);

    /// <summary>ln a.</summary>
    static abstract TSelf Log(TSelf a);

    /// <summary>aᵇ with a differentiable exponent.</summary>
    static abstract TSelf Pow(TSelf a, TSelf b);

    /// <summary>aᶜ with a constant exponent.</summary>
    static abstract TSelf Pow(TSelf a, double exponent);

    /// <summary>sin a.</summary>
    static abstract TSelf Sin(TSelf a);

    /// <summary>cos a.</summary>
    static abstract TSelf Cos(TSelf a);

    /// <summary>tan a.</summary>
    static abstract TSelf Tan(TSelf a);

    /// <summary>asin a.</summary>
    static abstract TSelf Asin(TSelf a);

    /// <summary>acos a.</summary>
    static abstract TSelf Acos(TSelf a);

    /// <summary>atan a.</summary>
    static abstract TSelf Atan(TSelf a);

    /// <summary>atan2(y, x), the angle of (x, y) in (−π, π].</summary>
    static abstract TSelf Atan2(TSelf y, TSelf x);

    /// <summary>sinh a.</summary>
    static abstract TSelf Sinh(TSelf a);

    /// <summary>cosh a.</summary>
    static abstract TSelf Cosh(TSelf a);

    /// <summary>tanh a.</summary>
    static abstract TSelf Tanh(TSelf a);

    /// <summary>asinh a.</summary>
    static abstract TSelf Asinh(TSelf a);

    /// <summary>acosh a.</summary>
    static abstract TSelf Acosh(TSelf a);

    /// <summary>atanh a.</summary>
    static abstract TSelf Atanh(TSelf a);

    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ).</summary>
    static abstract TSelf Sigmoid(TSelf a);

    /// <summary>max(0, a).</summary>
    static abstract TSelf Relu(TSelf a);

    /// <summary>|a|.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>max(a, b); the first argument wins a tie.</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>min(a, b); the first argument wins a tie.</summary>
    static abstract TSelf Min(TSelf a, TSelf b);
}
