using Gradwire.Autograd;
using Gradwire.Kernels;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary><c>a + b</c>, broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Add, a, b);

    /// <summary><c>a − b</c>, broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Sub, a, b);

    /// <summary><c>a · b</c> element-wise (Hadamard), broadcasting. For the matrix product use <see cref="MatMul(Tensor)"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Mul, a, b);

    /// <summary><c>a / b</c>, broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Div, a, b);

    /// <summary><c>x + s</c>.</summary>
    public static Tensor operator +(Tensor x, double s) => ElementwiseFunctions.Scalar(ScalarOp.Add, x, s);

    /// <summary><c>s + x</c>.</summary>
    public static Tensor operator +(double s, Tensor x) => ElementwiseFunctions.Scalar(ScalarOp.Add, x, s);

    /// <summary><c>x − s</c>.</summary>
    public static Tensor operator -(Tensor x, double s) => ElementwiseFunctions.Scalar(ScalarOp.Add, x, -s);

    /// <summary><c>s − x</c>.</summary>
    public static Tensor operator -(double s, Tensor x) => ElementwiseFunctions.Scalar(ScalarOp.RSub, x, s);

    /// <summary><c>x · s</c>.</summary>
    public static Tensor operator *(Tensor x, double s) => ElementwiseFunctions.Scalar(ScalarOp.Mul, x, s);

    /// <summary><c>s · x</c>.</summary>
    public static Tensor operator *(double s, Tensor x) => ElementwiseFunctions.Scalar(ScalarOp.Mul, x, s);

    /// <summary><c>x / s</c>.</summary>
    public static Tensor operator /(Tensor x, double s) => ElementwiseFunctions.Scalar(ScalarOp.Div, x, s);

    /// <summary><c>s / x</c>.</summary>
    public static Tensor operator /(double s, Tensor x) => ElementwiseFunctions.Scalar(ScalarOp.RDiv, x, s);

    /// <summary><c>−x</c>.</summary>
    public static Tensor operator -(Tensor x) => ElementwiseFunctions.Unary(UnaryOp.Neg, x);

    /// <summary><c>this + other</c>, broadcasting.</summary>
    public Tensor Add(Tensor other) => this + other;

    /// <summary><c>this − other</c>, broadcasting.</summary>
    public Tensor Sub(Tensor other) => this - other;

    /// <summary><c>this · other</c> element-wise, broadcasting.</summary>
    public Tensor Mul(Tensor other) => this * other;

    /// <summary><c>this / other</c>, broadcasting.</summary>
    public Tensor Div(Tensor other) => this / other;

    /// <summary><c>−x</c>; derivative −1.</summary>
    public Tensor Neg() => -this;

    /// <summary><c>√x</c>; derivative <c>1 / (2√x)</c>.</summary>
    public Tensor Sqrt() => ElementwiseFunctions.Unary(UnaryOp.Sqrt, this);

    /// <summary><c>eˣ</c>; derivative <c>eˣ</c>.</summary>
    public Tensor Exp() => ElementwiseFunctions.Unary(UnaryOp.Exp, this);

    /// <summary><c>ln x</c>; derivative <c>1/x</c>.</summary>
    public Tensor Log() => ElementwiseFunctions.Unary(UnaryOp.Log, this);

    /// <summary><c>sin x</c>; derivative <c>cos x</c>.</summary>
    public Tensor Sin() => ElementwiseFunctions.Unary(UnaryOp.Sin, this);

    /// <summary><c>cos x</c>; derivative <c>−sin x</c>.</summary>
    public Tensor Cos() => ElementwiseFunctions.Unary(UnaryOp.Cos, this);

    /// <summary><c>tan x</c>; derivative <c>1 + tan² x</c>.</summary>
    public Tensor Tan() => ElementwiseFunctions.Unary(UnaryOp.Tan, this);

    /// <summary><c>asin x</c>; derivative <c>1/√(1 − x²)</c>.</summary>
    public Tensor Asin() => ElementwiseFunctions.Unary(UnaryOp.Asin, this);

    /// <summary><c>acos x</c>; derivative <c>−1/√(1 − x²)</c>.</summary>
    public Tensor Acos() => ElementwiseFunctions.Unary(UnaryOp.Acos, this);

    /// <summary><c>atan x</c>; derivative <c>1/(1 + x²)</c>.</summary>
    public Tensor Atan() => ElementwiseFunctions.Unary(UnaryOp.Atan, this);

    /// <summary><c>sinh x</c>; derivative <c>cosh x</c>.</summary>
    public Tensor Sinh() => ElementwiseFunctions.Unary(UnaryOp.Sinh, this);

    /// <summary><c>cosh x</c>; derivative <c>sinh x</c>.</summary>
    public Tensor Cosh() => ElementwiseFunctions.Unary(UnaryOp.Cosh, this);

    /// <summary><c>tanh x</c>; derivative <c>1 − tanh² x</c>.</summary>
    public Tensor Tanh() => ElementwiseFunctions.Unary(UnaryOp.Tanh, this);

    /// <summary><c>asinh x</c>; derivative <c>1/√(x² + 1)</c>.</summary>
    public Tensor Asinh() => ElementwiseFunctions.Unary(UnaryOp.Asinh, this);

    /// <summary><c>acosh x</c>; derivative <c>1/√(x² − 1)</c>.</summary>
    public Tensor Acosh() => ElementwiseFunctions.Unary(UnaryOp.Acosh, this);

    /// <summary><c>atanh x</c>; derivative <c>1/(1 − x²)</c>.</summary>
    public Tensor Atanh() => ElementwiseFunctions.Unary(UnaryOp.Atanh, this);

    /// <summary><c>σ(x) = 1/(1 + e⁻ˣ)</c>; derivative <c>σ(1 − σ)</c>.</summary>
    public Tensor Sigmoid() => ElementwiseFunctions.Unary(UnaryOp.Sigmoid, this);

    /// <summary><c>max(0, x)</c>; derivative 1 for x &gt; 0, else 0 (0 at x = 0).</summary>
    public Tensor Relu() => ElementwiseFunctions.Unary(UnaryOp.Relu, this);

    /// <summary><c>|x|</c>; derivative <c>sign x</c> (0 at x = 0).</summary>
    public Tensor Abs() => ElementwiseFunctions.Unary(UnaryOp.Abs, this);

    /// <summary>−1, 0 or 1; derivative 0.</summary>
    public Tensor Sign() => ElementwiseFunctions.Unary(UnaryOp.Sign, this);

    /// <summary><c>x²</c>; derivative <c>2x</c>.</summary>
    public Tensor Square() => ElementwiseFunctions.Unary(UnaryOp.Square, this);

    /// <summary><c>1/x</c>; derivative <c>−1/x²</c>.</summary>
    public Tensor Reciprocal() => ElementwiseFunctions.Unary(UnaryOp.Reciprocal, this);

    /// <summary><c>xˢ</c>; derivative <c>s·xˢ⁻¹</c>.</summary>
    public Tensor Pow(double exponent) =>
        exponent == 2 ? Square() : ElementwiseFunctions.Scalar(ScalarOp.Pow, this, exponent);

    /// <summary><c>this^exponent</c> element-wise, broadcasting.</summary>
    public Tensor Pow(Tensor exponent) => ElementwiseFunctions.Binary(BinaryOp.Pow, this, exponent);

    /// <summary><c>aᵇ</c>; ∂/∂a = <c>b·aᵇ⁻¹</c>, ∂/∂b = <c>aᵇ ln a</c>.</summary>
    public static Tensor Pow(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Pow, a, b);

    /// <summary><c>sˣ</c> for a constant base; derivative <c>sˣ ln s</c>.</summary>
    public static Tensor Pow(double @base, Tensor exponent) => ElementwiseFunctions.Scalar(ScalarOp.RPow, exponent, @base);

    /// <summary>The angle of (x, y): <c>atan2(y, x)</c>, broadcasting.</summary>
    public static Tensor Atan2(Tensor y, Tensor x) => ElementwiseFunctions.Binary(BinaryOp.Atan2, y, x);

    /// <summary>Element-wise maximum; at a tie the gradient goes to <paramref name="a"/>.</summary>
    public static Tensor Max(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Max, a, b);

    /// <summary>Element-wise minimum; at a tie the gradient goes to <paramref name="a"/>.</summary>
    public static Tensor Min(Tensor a, Tensor b) => ElementwiseFunctions.Binary(BinaryOp.Min, a, b);

    /// <summary>Element-wise maximum with another tensor (ties route the gradient to this one).</summary>
    public Tensor Maximum(Tensor other) => Max(this, other);

    /// <summary>Element-wise minimum with another tensor (ties route the gradient to this one).</summary>
    public Tensor Minimum(Tensor other) => Min(this, other);

    /// <summary>Element-wise <c>max(x, s)</c>.</summary>
    public Tensor Maximum(double s) => ElementwiseFunctions.Scalar(ScalarOp.Max, this, s);

    /// <summary>Element-wise <c>min(x, s)</c>.</summary>
    public Tensor Minimum(double s) => ElementwiseFunctions.Scalar(ScalarOp.Min, this, s);

    /// <summary>Limits to [<paramref name="min"/>, <paramref name="max"/>] (either may be null); gradient 1 inside, 0 outside.</summary>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        var y = this;
        if (min is { } lo)
        {
            y = y.Maximum(lo);
        }

        if (max is { } hi)
        {
            y = y.Minimum(hi);
        }

        return ReferenceEquals(y, this) ? Clone() : y;
    }

    /// <summary>Leaky ReLU: <c>x</c> for x &gt; 0, else <c>slope · x</c>.</summary>
    public Tensor LeakyRelu(double negativeSlope = 0.01) => Where(Gt(0), this, this * negativeSlope);

    /// <summary>
    /// GELU, PyTorch's <c>gelu(x, approximate)</c>. <c>"none"</c> (the default) is the exact form
    /// <c>x·Φ(x) = 0.5x(1 + erf(x/√2))</c>; <c>"tanh"</c> is <c>0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))</c>.
    /// Built from primitives, so every order differentiates: <c>gelu′(x) = Φ(x) + x·φ(x)</c> for the exact form.
    /// </summary>
    /// <param name="approximate"><c>"none"</c> or <c>"tanh"</c>, as in PyTorch.</param>
    public Tensor Gelu(string approximate = "none")
    {
        switch (approximate)
        {
            case "none":
                return this * 0.5 * ((this * 0.7071067811865476).Erf() + 1); // 1/√2
            case "tanh":
            {
                const double c = 0.7978845608028654; // √(2/π)
                var inner = (this + Pow(3) * 0.044715) * c;
                return this * 0.5 * (inner.Tanh() + 1);
            }

            default:
                throw new ArgumentException(
                    $"gelu: approximate must be \"none\" (exact erf form) or \"tanh\", got \"{approximate}\".", nameof(approximate));
        }
    }

    /// <summary>SiLU (swish): <c>x·σ(x)</c>; derivative <c>σ(x)(1 + x(1 − σ(x)))</c>.</summary>
    public Tensor Silu() => this * Sigmoid();

    /// <summary>
    /// PyTorch's <c>softplus(x, beta, threshold)</c>: <c>ln(1 + e^(βx))/β</c>, and <c>x</c> itself where
    /// <c>βx &gt; threshold</c> (linear there to working precision); derivative <c>σ(βx)</c> (1 above the threshold).
    /// </summary>
    /// <param name="beta">β &gt; 0: the sharpness.</param>
    /// <param name="threshold">Above this value of βx the function is the identity.</param>
    public Tensor Softplus(double beta = 1, double threshold = 20)
    {
        if (!(beta > 0) || !double.IsFinite(beta) || double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(
                nameof(beta), $"softplus: beta must be a positive finite number and threshold a number, got beta {beta}, threshold {threshold}.");
        }

        var z = beta == 1 ? this : this * beta;
        // NOTE: the branch not taken sees min(z, threshold), so e^z cannot overflow into a NaN gradient there.
        var soft = z.Minimum(threshold).Exp().Log1p();
        return Where(z.Gt(threshold), this, beta == 1 ? soft : soft / beta);
    }

    /// <summary><c>ln(1 + x)</c>, exact for tiny x; derivative <c>1/(1 + x)</c>.</summary>
    public Tensor Log1p() => ElementwiseFunctions.Unary(UnaryOp.Log1p, this);

    /// <summary><c>eˣ − 1</c>, exact for tiny x; derivative <c>eˣ</c>.</summary>
    public Tensor Expm1() => ElementwiseFunctions.Unary(UnaryOp.Expm1, this);

    /// <summary>The error function <c>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt</c>; derivative <c>2/√π · e^(−x²)</c>.</summary>
    public Tensor Erf() => ElementwiseFunctions.Unary(UnaryOp.Erf, this);

    /// <summary><c>erfc(x) = 1 − erf(x)</c>, accurate where erf(x) is close to 1; derivative <c>−2/√π · e^(−x²)</c>.</summary>
    public Tensor Erfc() => ElementwiseFunctions.Unary(UnaryOp.Erfc, this);

    /// <summary>The inverse error function on [−1, 1] (±∞ at ±1, NaN outside); derivative <c>√π/2 · e^(erfinv(x)²)</c>.</summary>
    public Tensor Erfinv() => ElementwiseFunctions.Unary(UnaryOp.Erfinv, this);

    /// <summary>
    /// <paramref name="condition"/> ? <paramref name="a"/> : <paramref name="b"/>, broadcasting, as <c>torch.where</c>:
    /// the condition is a bool tensor (a comparison's result); the gradient flows to the chosen side.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => ElementwiseFunctions.Where(condition, a, b);

    /// <summary><see cref="Where(Tensor, Tensor, Tensor)"/> with a constant for the false side.</summary>
    public static Tensor Where(Tensor condition, Tensor a, double b) => Where(condition, a, Scalar(b, a.DType));

    /// <summary><paramref name="value"/> where the bool <paramref name="mask"/> is true, else this tensor's element; the gradient flows where the mask is false.</summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        if (mask.DType != DType.Bool)
        {
            throw new ArgumentException(
                $"masked_fill: the mask must be a bool tensor, got {mask.DType.Name()} {Shape.Format(mask.ShapeArray)}; make one with a comparison (e.g. x.Gt(0)) or mask.Ne(0).");
        }

        return Where(mask, Scalar(value, DType), this);
    }

    /// <summary>Element-wise logical and of two bool tensors, broadcasting.</summary>
    public Tensor And(Tensor other) => ElementwiseFunctions.Logical("logical_and", 0, this, other);

    /// <summary>Element-wise logical or of two bool tensors, broadcasting.</summary>
    public Tensor Or(Tensor other) => ElementwiseFunctions.Logical("logical_or", 1, this, other);

    /// <summary>Element-wise exclusive or of two bool tensors, broadcasting.</summary>
    public Tensor Xor(Tensor other) => ElementwiseFunctions.Logical("logical_xor", 2, this, other);

    /// <summary>Element-wise logical not of a bool tensor.</summary>
    public Tensor Not()
    {
        var y = Empty(ShapeArray, DType.Bool);
        Backends.Dispatch.Not(this, y);
        Backends.Dispatch.Record("logical_not", this, y);
        return y;
    }

    /// <summary>A bool tensor: true where equal (broadcasting); operands of one dtype (a bool one is promoted).</summary>
    public Tensor Eq(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Eq, this, other);

    /// <summary>A bool tensor: true where different (NaN differs from everything).</summary>
    public Tensor Ne(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Ne, this, other);

    /// <summary>A bool tensor: true where this &lt; other.</summary>
    public Tensor Lt(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Lt, this, other);

    /// <summary>A bool tensor: true where this ≤ other.</summary>
    public Tensor Le(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Le, this, other);

    /// <summary>A bool tensor: true where this &gt; other.</summary>
    public Tensor Gt(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Gt, this, other);

    /// <summary>A bool tensor: true where this ≥ other.</summary>
    public Tensor Ge(Tensor other) => ElementwiseFunctions.Binary(BinaryOp.Ge, this, other);

    /// <summary>A bool tensor: true where equal to <paramref name="s"/>.</summary>
    public Tensor Eq(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Eq, this, s);

    /// <summary>A bool tensor: true where different from <paramref name="s"/>.</summary>
    public Tensor Ne(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Ne, this, s);

    /// <summary>A bool tensor: true where &lt; <paramref name="s"/>.</summary>
    public Tensor Lt(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Lt, this, s);

    /// <summary>A bool tensor: true where ≤ <paramref name="s"/>.</summary>
    public Tensor Le(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Le, this, s);

    /// <summary>A bool tensor: true where &gt; <paramref name="s"/>.</summary>
    public Tensor Gt(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Gt, this, s);

    /// <summary>A bool tensor: true where ≥ <paramref name="s"/>.</summary>
    public Tensor Ge(double s) => ElementwiseFunctions.CompareScalar(BinaryOp.Ge, this, s);

    /// <summary>True when every element is within <c>atol + rtol·|other|</c> of <paramref name="other"/> (shapes must broadcast).</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        using var noGrad = NoGrad();
        var a = ToDoubleArrayBroadcast(this, other, out var b);
        for (var i = 0; i < a.Length; i++)
        {
            if (!(Math.Abs(a[i] - b[i]) <= atol + rtol * Math.Abs(b[i])) && !(a[i] == b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static double[] ToDoubleArrayBroadcast(Tensor x, Tensor y, out double[] yValues)
    {
        var shape = Broadcasting.Shape("allclose", x.ShapeArray, y.ShapeArray);
        yValues = y.Expand(shape).ToDoubleArray();
        return x.Expand(shape).ToDoubleArray();
    }
}
