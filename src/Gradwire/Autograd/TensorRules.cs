using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// The one table of tensor backward rules for element-wise ops: for each op, the gradient of its inputs
/// given <c>g</c>, the gradient of its output. It states the same derivatives as the scalar table
/// (<c>Scalars/ScalarRules</c>), in the same numerically stable forms, and a test holds the two together
/// point by point (large |x|, domain edges, 0). The nodes in <see cref="ElementwiseFunctions"/> only save
/// tensors and call these rules.
/// </summary>
/// <remarks>
/// Every rule is written with tensor ops, so under <c>createGraph</c> it is recorded and can be
/// differentiated again; on a backend other than the CPU the same rules run unchanged. Masks (where a rule
/// branches on the input) use <see cref="Tensor.Where(Tensor, Tensor, Tensor)"/> with a safe value on the
/// branch not taken, so neither branch can put a NaN into a gradient of gradients.
/// Only a plain backward (the <c>fused</c> flag of <see cref="Unary"/>) takes the one-kernel forms of the
/// hot activations; they compute the same formula.
/// </remarks>
internal static class TensorRules
{
    private const double TwoOverSqrtPi = 1.1283791670955126; // 2/√π

    /// <summary>∂L/∂x of <c>y = op(x)</c>: the local derivative times <paramref name="g"/>.</summary>
    /// <param name="op">The op.</param>
    /// <param name="g">∂L/∂y.</param>
    /// <param name="saved">The saved input x and output y (read only when a rule needs them).</param>
    /// <param name="fused">True when no graph is being built (a fused kernel may serve the hot activations).</param>
    public static Tensor Unary(UnaryOp op, Tensor g, in Saved saved, bool fused) => op switch
    {
        UnaryOp.Neg => -g,
        UnaryOp.Sqrt => g / (saved.Y * 2), // ½/√x, in terms of the output
        UnaryOp.Exp => g * saved.Y,
        UnaryOp.Log => g / saved.X,
        UnaryOp.Log1p => g / (saved.X + 1),
        UnaryOp.Expm1 => g * (saved.Y + 1), // eˣ = y + 1
        UnaryOp.Erf => g * ((-saved.X.Square()).Exp() * TwoOverSqrtPi),
        UnaryOp.Erfc => -(g * ((-saved.X.Square()).Exp() * TwoOverSqrtPi)),
        UnaryOp.Erfinv => g * (saved.Y.Square().Exp() * (1 / TwoOverSqrtPi)), // √π/2 · e^(y²), y = erfinv x
        UnaryOp.Sin => g * saved.X.Cos(),
        UnaryOp.Cos => -(g * saved.X.Sin()),
        UnaryOp.Tan => g * (saved.Y.Square() + 1), // sec² = 1 + tan²
        UnaryOp.Asin => g / (1 - saved.X.Square()).Sqrt(),
        UnaryOp.Acos => -(g / (1 - saved.X.Square()).Sqrt()),
        UnaryOp.Atan => g / (saved.X.Square() + 1),
        UnaryOp.Sinh => g * saved.X.Cosh(),
        UnaryOp.Cosh => g * saved.X.Sinh(),
        UnaryOp.Tanh => fused ? ElementwiseFunctions.Binary(BinaryOp.TanhGrad, g, saved.Y) : g * (1 - saved.Y.Square()),
        UnaryOp.Asinh => g * AsinhDerivative(saved.X),
        // NOTE: 1/√(x² − 1) loses half its digits near x = 1 (x² − 1 cancels); the factored form does not.
        UnaryOp.Acosh => g / ((saved.X - 1).Sqrt() * (saved.X + 1).Sqrt()),
        // NOTE: 1/((1 − x)(1 + x)), not 1/(1 − x²): the same cancellation near |x| = 1.
        UnaryOp.Atanh => g / ((1 - saved.X) * (saved.X + 1)),
        UnaryOp.Sigmoid => fused ? ElementwiseFunctions.Binary(BinaryOp.SigmoidGrad, g, saved.Y) : g * saved.Y * (1 - saved.Y),
        UnaryOp.Relu => fused ? ElementwiseFunctions.Binary(BinaryOp.ReluGrad, g, saved.X) : g * saved.X.Gt(0), // relu′(0) = 0
        UnaryOp.Abs => g * saved.X.Sign(), // abs′(0) = 0
        UnaryOp.Sign => Tensor.ZerosLike(saved.X),
        UnaryOp.Square => g * saved.X * 2,
        UnaryOp.Reciprocal => -(g * saved.Y.Square()),
        _ => throw new InvalidOperationException($"{OpNames.Of(op)}: no backward rule."),
    };

    /// <summary>
    /// asinh′(x) = 1/√(x² + 1) = r/√((x·r)² + r²) with r = 1/max(|x|, 1).
    /// </summary>
    /// <remarks>
    /// NOTE: x² overflows for |x| &gt; 1e154 and the textbook form gives 0 (at x = 1e200 the exact value is
    /// 1e-200). Scaling by r is the scalar table's hypot form: for |x| ≤ 1 it is 1/√(x² + 1), for |x| &gt; 1 it
    /// is (1/|x|)/√(1 + 1/x²). No branch, so it differentiates again everywhere.
    /// </remarks>
    private static Tensor AsinhDerivative(Tensor x)
    {
        var r = x.Abs().Maximum(1).Reciprocal();
        return r / ((x * r).Square() + r.Square()).Sqrt();
    }

    /// <summary>
    /// ∂L/∂a and ∂L/∂b of <c>y = op(a, b)</c> before broadcasting is summed away; null where not needed.
    /// </summary>
    public static (Tensor? Da, Tensor? Db) Binary(BinaryOp op, Tensor g, in Saved saved, bool needA, bool needB)
    {
        switch (op)
        {
            case BinaryOp.Add:
                return (g, g);
            case BinaryOp.Sub:
                return (g, needB ? -g : null);
            case BinaryOp.Mul:
                return (needA ? g * saved.B : null, needB ? g * saved.X : null);
            case BinaryOp.Div:
                return (needA ? g / saved.B : null, needB ? -(g * saved.Y / saved.B) : null); // ∂(a/b)/∂b = −y/b
            case BinaryOp.Pow:
            {
                // NOTE: PyTorch's masks. ∂/∂a = b·aᵇ⁻¹, defined as 0 when b = 0 (even at a = 0, where it is 0·∞);
                // ∂/∂b = y·ln a, defined as 0 when a = 0 and b ≥ 0 (0ᵇ is flat in b there).
                Tensor? da = null, db = null;
                var a = saved.X;
                var b = saved.B;
                if (needA)
                {
                    var local = b * Tensor.Pow(a, b - 1);
                    da = g * Tensor.Where(b.Eq(0), Tensor.Scalar(0, local.DType), local);
                }

                if (needB)
                {
                    var local = saved.Y * a.Log();
                    var flat = Tensor.Where(b.Ge(0), Tensor.Scalar(0, local.DType), local);
                    db = g * Tensor.Where(a.Eq(0), flat, local);
                }

                return (da, db);
            }

            case BinaryOp.Atan2:
            {
                // y = atan2(a, b): ∂/∂a = b/(a² + b²), ∂/∂b = −a/(a² + b²).
                var r = (saved.X.Square() + saved.B.Square()).Reciprocal();
                return (needA ? g * (saved.B * r) : null, needB ? -(g * (saved.X * r)) : null);
            }

            case BinaryOp.Max: // a tie goes to the first argument
                return (needA ? g * saved.X.Ge(saved.B) : null, needB ? g * saved.X.Lt(saved.B) : null);
            case BinaryOp.Min:
                return (needA ? g * saved.X.Le(saved.B) : null, needB ? g * saved.X.Gt(saved.B) : null);
            default:
                throw new InvalidOperationException($"{OpNames.Of(op)}: no backward rule.");
        }
    }

    /// <summary>∂L/∂x of <c>y = op(x, s)</c> (or <c>op(s, x)</c> for the reversed ops) with a constant s.</summary>
    public static Tensor Scalar(ScalarOp op, Tensor g, in Saved saved, double s) => op switch
    {
        ScalarOp.Add => g,
        ScalarOp.Mul => g * s,
        ScalarOp.Div => g / s,
        // NOTE: xˢ with s = 0 is the constant 1: gradient 0 even at x = 0 (where s·xˢ⁻¹ is 0·∞).
        ScalarOp.Pow => s == 0 ? Tensor.ZerosLike(g) : s == 2 ? g * saved.X * 2 : g * s * saved.X.Pow(s - 1),
        ScalarOp.Max => g * saved.X.Ge(s),
        ScalarOp.Min => g * saved.X.Le(s),
        ScalarOp.RSub => -g,
        ScalarOp.RDiv => -(g * saved.Y / saved.X), // ∂(s/x)/∂x = −y/x
        _ => g * saved.Y * Math.Log(s), // RPow: ∂sˣ/∂x = sˣ ln s
    };

    /// <summary>The tensors a node saved, read back (and version-checked) only when a rule uses them.</summary>
    /// <param name="node">The node, for error messages.</param>
    /// <param name="x">The (first) input.</param>
    /// <param name="b">The second input of a binary op (default otherwise).</param>
    /// <param name="y">The output.</param>
    internal readonly struct Saved(Node node, SavedTensor x, SavedTensor b, SavedTensor y)
    {
        /// <summary>The (first) input.</summary>
        public Tensor X => x.Get(node);

        /// <summary>The second input.</summary>
        public Tensor B => b.Get(node);

        /// <summary>The output.</summary>
        public Tensor Y => y.Get(node);
    }
}
