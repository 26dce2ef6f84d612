using System.Globalization;

namespace Gradwire.Scalars;

/// <summary>
/// The one table of scalar rules. For each primitive: its forward formula (over doubles), its local
/// derivatives (written once, generically, so that reverse mode over doubles, reverse mode that builds a
/// differentiable gradient graph and forward mode with dual numbers all read the same rule), and its domain.
/// </summary>
/// <remarks>
/// The formulas follow PyTorch's float64 kernels and derivative formulas wherever PyTorch's are accurate,
/// so that values, gradients and Hessians agree with it to about 1e-15 relative; where a textbook formula
/// loses digits (acosh′ near 1, asinh′ for huge arguments, σ for very negative arguments) the stable form is used.
/// </remarks>
internal static class ScalarRules
{
    /// <summary>How many children a node of <paramref name="op"/> has: 0, 1 or 2.</summary>
    public static int Arity(ScalarOp op) => op switch
    {
        ScalarOp.Leaf => 0,
        ScalarOp.Add or ScalarOp.Sub or ScalarOp.Mul or ScalarOp.Div or ScalarOp.Pow
            or ScalarOp.Atan2 or ScalarOp.Max or ScalarOp.Min => 2,
        _ => 1,
    };

    /// <summary>The name users see (<see cref="Value.Op"/>, error messages, the DOT drawing).</summary>
    public static string Name(ScalarOp op, double constant = 0) => op switch
    {
        ScalarOp.Leaf => "",
        ScalarOp.Add => "+",
        ScalarOp.Sub => "-",
        ScalarOp.Mul => "*",
        ScalarOp.Div => "/",
        ScalarOp.Neg => "neg",
        ScalarOp.PowConst => "^" + constant.ToString("R", CultureInfo.InvariantCulture),
        _ => op.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The forward formula: the value of <paramref name="op"/> at <paramref name="a"/>, <paramref name="b"/>
    /// (unused by unary ops) and the constant exponent <paramref name="constant"/> (<see cref="ScalarOp.PowConst"/> only).
    /// Outside an op's domain the result is NaN or ±∞, as in IEEE 754 and PyTorch.
    /// </summary>
    public static double Evaluate(ScalarOp op, double a, double b, double constant)
    {
        switch (op)
        {
            case ScalarOp.Add: return a + b;
            case ScalarOp.Sub: return a - b;
            case ScalarOp.Mul: return a * b;
            case ScalarOp.Div: return a / b;
            case ScalarOp.Neg: return -a;
            case ScalarOp.Sqrt: return Math.Sqrt(a);
            case ScalarOp.Exp: return Math.Exp(a);
            case ScalarOp.Log: return Math.Log(a);
            case ScalarOp.Pow: return Math.Pow(a, b);
            case ScalarOp.PowConst:
                // NOTE: the special cases PyTorch's CPU kernel takes for a scalar exponent, so that values agree
                // to the last bit with its x**c (Math.Pow would round differently in the last place).
                return constant switch
                {
                    2 => a * a,
                    3 => a * a * a,
                    1 => a,
                    0.5 => Math.Sqrt(a),
                    -0.5 => 1 / Math.Sqrt(a),
                    -1 => 1 / a,
                    -2 => 1 / (a * a),
                    _ => Math.Pow(a, constant),
                };
            case ScalarOp.Sin: return Math.Sin(a);
            case ScalarOp.Cos: return Math.Cos(a);
            case ScalarOp.Tan: return Math.Tan(a);
            case ScalarOp.Asin: return Math.Asin(a);
            case ScalarOp.Acos: return Math.Acos(a);
            case ScalarOp.Atan: return Math.Atan(a);
            case ScalarOp.Atan2: return Math.Atan2(a, b); // a = y, b = x: every quadrant
            case ScalarOp.Sinh: return Math.Sinh(a);
            case ScalarOp.Cosh: return Math.Cosh(a);
            case ScalarOp.Tanh: return Math.Tanh(a);
            case ScalarOp.Asinh: return Math.Asinh(a);
            case ScalarOp.Acosh: return Math.Acosh(a);
            case ScalarOp.Atanh: return Math.Atanh(a);
            case ScalarOp.Sigmoid: return Sigmoid(a);
            case ScalarOp.Relu: return a <= 0 ? 0 : a; // NaN stays NaN
            case ScalarOp.Max: return a >= b ? a : b > a ? b : double.NaN; // tie: the first; NaN propagates
            case ScalarOp.Min: return a <= b ? a : b < a ? b : double.NaN;
            case ScalarOp.Abs: return Math.Abs(a);
            default: throw new ArgumentOutOfRangeException(nameof(op), op, "A leaf has no formula.");
        }
    }

    /// <summary>σ(a) = 1 / (1 + e⁻ᵃ), computed as eᵃ / (1 + eᵃ) for a &lt; 0 so that e⁻ᵃ never overflows.</summary>
    public static double Sigmoid(double a)
    {
        if (a >= 0)
        {
            return 1 / (1 + Math.Exp(-a));
        }

        var e = Math.Exp(a);
        return e / (1 + e);
    }

    /// <summary>
    /// The local derivatives ∂out/∂a and ∂out/∂b of one node, given its inputs and its own
    /// <paramref name="output"/> (several rules are cheaper and more exact in terms of the output: eᵃ, tanh, σ).
    /// For a unary op <paramref name="b"/> is ignored and the second derivative is zero.
    /// </summary>
    /// <remarks>
    /// Written once over <typeparamref name="T"/>: with doubles this is the backward pass; with
    /// <see cref="Value"/> the derivatives are themselves graphs (create-graph, so gradients can be
    /// differentiated again); with <c>Dual</c> it is the tangent rule of forward mode.
    /// Masks and branches look at <see cref="IScalar{TSelf}.Primal"/>: they are locally constant.
    /// </remarks>
    public static (T Da, T Db) Derivatives<T>(ScalarOp op, T a, T b, T output, double constant)
        where T : IScalar<T>
    {
        var zero = T.FromDouble(0);
        var one = T.FromDouble(1);
        switch (op)
        {
            case ScalarOp.Add: return (one, one);
            case ScalarOp.Sub: return (one, -one);
            case ScalarOp.Mul: return (b, a);
            case ScalarOp.Div: return (one / b, -output / b); // ∂(a/b)/∂b = −a/b² = −out/b
            case ScalarOp.Neg: return (-one, zero);
            case ScalarOp.Sqrt: return (T.FromDouble(0.5) / output, zero);
            case ScalarOp.Exp: return (output, zero);
            case ScalarOp.Log: return (one / a, zero);
            case ScalarOp.Pow:
            {
                // NOTE: PyTorch's masks. ∂/∂a = b·a^(b−1), defined as 0 when b = 0 (even at a = 0);
                // ∂/∂b = out·ln a, defined as 0 when a = 0 and b ≥ 0 (0^b is flat in b there).
                var da = b.Primal == 0 ? zero : b * T.Pow(a, b - one);
                var db = a.Primal == 0 && b.Primal >= 0 ? zero : output * T.Log(a);
                return (da, db);
            }

            case ScalarOp.PowConst:
                return (constant == 0 ? zero : T.FromDouble(constant) * T.Pow(a, constant - 1), zero);
            case ScalarOp.Sin: return (T.Cos(a), zero);
            case ScalarOp.Cos: return (-T.Sin(a), zero);
            case ScalarOp.Tan: return (one + output * output, zero); // sec² = 1 + tan²
            case ScalarOp.Asin: return (one / T.Sqrt(one - a * a), zero);
            case ScalarOp.Acos: return (-(one / T.Sqrt(one - a * a)), zero);
            case ScalarOp.Atan: return (one / (one + a * a), zero);
            case ScalarOp.Atan2:
            {
                // out = atan2(y = a, x = b): ∂/∂y = x / (x² + y²), ∂/∂x = −y / (x² + y²).
                var r = one / (a * a + b * b);
                return (b * r, -a * r);
            }

            case ScalarOp.Sinh: return (T.Cosh(a), zero);
            case ScalarOp.Cosh: return (T.Sinh(a), zero);
            case ScalarOp.Tanh: return (one - output * output, zero);
            case ScalarOp.Asinh:
            {
                // 1/√(a² + 1); for |a| > 1 as |1/a| / √(1 + 1/a²) so a² never overflows (a hypot).
                if (Math.Abs(a.Primal) <= 1)
                {
                    return (one / T.Sqrt(a * a + one), zero);
                }

                var inverse = one / a;
                var scaled = inverse / T.Sqrt(one + inverse * inverse);
                return (a.Primal > 0 ? scaled : -scaled, zero);
            }

            case ScalarOp.Acosh:
                // 1/√(a² − 1) loses half its digits near a = 1; the factored form does not.
                return (one / (T.Sqrt(a - one) * T.Sqrt(a + one)), zero);
            case ScalarOp.Atanh: return (one / ((one - a) * (one + a)), zero);
            case ScalarOp.Sigmoid: return (output * (one - output), zero);
            case ScalarOp.Relu: return (a.Primal > 0 ? one : zero, zero); // relu′(0) = 0
            case ScalarOp.Max: return a.Primal >= b.Primal ? (one, zero) : (zero, one); // tie: the first
            case ScalarOp.Min: return a.Primal <= b.Primal ? (one, zero) : (zero, one);
            case ScalarOp.Abs: return (a.Primal > 0 ? one : a.Primal < 0 ? -one : zero, zero); // abs′(0) = 0
            default: return (zero, zero);
        }
    }

    /// <summary>
    /// Null when <paramref name="output"/> is an ordinary finite number (or an input already was not);
    /// otherwise a message naming the op, the argument and the op's domain, e.g.
    /// <c>log: argument -1 is outside its domain (0, ∞)</c>.
    /// </summary>
    public static string? DomainError(ScalarOp op, double a, double b, double output, double constant)
    {
        var arity = Arity(op);
        if (double.IsFinite(output) || !double.IsFinite(a) || (arity == 2 && !double.IsFinite(b)))
        {
            return null;
        }

        var x = Format(a);
        var name = Name(op, constant);
        return op switch
        {
            ScalarOp.Log => $"log: argument {x} is outside its domain (0, ∞)",
            ScalarOp.Sqrt => $"sqrt: argument {x} is outside its domain [0, ∞)",
            ScalarOp.Asin => $"asin: argument {x} is outside its domain [-1, 1]",
            ScalarOp.Acos => $"acos: argument {x} is outside its domain [-1, 1]",
            ScalarOp.Acosh => $"acosh: argument {x} is outside its domain [1, ∞)",
            ScalarOp.Atanh => $"atanh: argument {x} is outside its domain (-1, 1)",
            ScalarOp.Div when b == 0 => $"/: division by zero ({x} / 0)",
            ScalarOp.Pow or ScalarOp.PowConst => PowError(a, op == ScalarOp.Pow ? b : constant, output),
            _ when arity == 2 => $"{name}: the result of {x} {name} {Format(b)} overflows",
            _ => $"{name}: the result at argument {x} overflows",
        };
    }

    /// <summary>
    /// Null when the local derivatives of a node are finite (or its inputs or output already are not);
    /// otherwise a message naming the op and the argument where the derivative is infinite or undefined
    /// (<c>sqrt</c> at 0, <c>asin</c> at ±1, <c>pow</c>'s exponent at a negative base).
    /// </summary>
    public static string? DerivativeError(ScalarOp op, double a, double b, double output, double constant)
    {
        var binary = Arity(op) == 2;
        if (!double.IsFinite(output) || !double.IsFinite(a) || (binary && !double.IsFinite(b)))
        {
            return null;
        }

        var (da, db) = Derivatives(op, new DoubleScalar(a), new DoubleScalar(binary ? b : a), new DoubleScalar(output), constant);
        var name = op == ScalarOp.PowConst ? $"pow (exponent {Format(constant)})" : Name(op, constant);
        var at = binary ? $"({Format(a)}, {Format(b)})" : Format(a);
        if (!double.IsFinite(da.Value))
        {
            return $"{name}: the derivative at {at} is {Describe(da.Value)} (the edge of its domain)";
        }

        return binary && !double.IsFinite(db.Value)
            ? $"{name}: the derivative with respect to its second argument at {at} is {Describe(db.Value)}"
              + (op == ScalarOp.Pow ? " (it needs ln of the base, and the base is not positive)" : "")
            : null;
    }

    private static string Describe(double value) => double.IsNaN(value) ? "undefined" : "infinite";

    private static string PowError(double a, double exponent, double output)
    {
        var x = Format(a);
        var e = Format(exponent);
        if (double.IsNaN(output))
        {
            return $"pow: base {x} with exponent {e} is outside its domain (a negative base needs an integer exponent)";
        }

        return a == 0
            ? $"pow: base 0 with the negative exponent {e} is outside its domain (division by zero)"
            : $"pow: {x}^{e} overflows";
    }

    /// <summary>A number as the messages and the tool print it: shortest round-trip, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
