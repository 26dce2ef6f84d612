using System.Numerics;
using Gradwire.NN;

namespace Gradwire.Optim;

/// <summary>
/// Adam (Kingma and Ba), with PyTorch's arithmetic: <c>m ← β₁m + (1−β₁)g</c>, <c>v ← β₂v + (1−β₂)g²</c>, and
/// with the bias corrections <c>c₁ = 1 − β₁ᵗ</c>, <c>c₂ = 1 − β₂ᵗ</c>:
/// <c>w ← w − (lr/c₁) · m / (√v/√c₂ + ε)</c>. <see cref="WeightDecay"/> adds <c>λw</c> to the gradient (L2);
/// <see cref="AdamW"/> decays the weights directly instead.
/// </summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Adam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        CheckRange(nameof(beta1), beta1, 0, 1 - 1e-12);
        CheckRange(nameof(beta2), beta2, 0, 1 - 1e-12);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>β₁, the decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "adam";

    /// <summary>True for AdamW: decay the weights by <c>lr·λ</c> instead of adding <c>λw</c> to the gradient.</summary>
    protected virtual bool Decoupled => false;

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
    {
        var m = State<T>(index, "exp_avg");
        var v = State<T>(index, "exp_avg_sq");
        var t = (double)ParameterStep(index);
        var c1 = 1 - Math.Pow(Beta1, t);
        var c2 = 1 - Math.Pow(Beta2, t);
        var stepSize = T.CreateTruncating(LearningRate / c1);
        var invSqrtC2 = T.CreateTruncating(1 / Math.Sqrt(c2));
        var b1 = T.CreateTruncating(Beta1);
        var b2 = T.CreateTruncating(Beta2);
        var one1 = T.CreateTruncating(1 - Beta1);
        var one2 = T.CreateTruncating(1 - Beta2);
        var eps = T.CreateTruncating(Epsilon);
        var lambda = decay ? WeightDecay : 0;
        var coupled = Decoupled ? T.Zero : T.CreateTruncating(lambda);
        var shrink = Decoupled ? T.CreateTruncating(1 - LearningRate * lambda) : T.One;
        var end = Simd.VectorEnd<T>(w.Length);
        var i = 0;
        if (end > 0)
        {
            Vector<T> vb1 = new(b1), vb2 = new(b2), vo1 = new(one1), vo2 = new(one2), veps = new(eps),
                vstep = new(stepSize), vinv = new(invSqrtC2), vwd = new(coupled), vshrink = new(shrink);
            for (; i < end; i += Vector<T>.Count)
            {
                var wi = Simd.Load<T>(w, i);
                var gi = Simd.Load(g, i) + vwd * wi;
                var mi = vb1 * Simd.Load<T>(m, i) + vo1 * gi;
                var vi = vb2 * Simd.Load<T>(v, i) + vo2 * gi * gi;
                Simd.Store(mi, m, i);
                Simd.Store(vi, v, i);
                Simd.Store(wi * vshrink - vstep * mi / (Vector.SquareRoot(vi) * vinv + veps), w, i);
            }
        }

        for (; i < w.Length; i++)
        {
            var gi = g[i] + coupled * w[i];
            m[i] = b1 * m[i] + one1 * gi;
            v[i] = b2 * v[i] + one2 * gi * gi;
            w[i] = w[i] * shrink - stepSize * m[i] / (T.Sqrt(v[i]) * invSqrtC2 + eps);
        }
    }
}

/// <summary>
/// AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, <c>w ← w(1 − lr·λ)</c> before the Adam step,
/// so the decay does not pass through the adaptive scaling. Default λ = 0.01, as PyTorch's.
/// </summary>
public sealed class AdamW(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double epsilon = 1e-8, double weightDecay = 0.01)
    : Adam(parameters, learningRate, beta1, beta2, epsilon, weightDecay)
{
    /// <inheritdoc />
    public override string Name => "adamw";

    /// <inheritdoc />
    protected override bool Decoupled => true;
}
