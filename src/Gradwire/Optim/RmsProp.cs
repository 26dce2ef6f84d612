using System.Numerics;
using Gradwire.NN;

namespace Gradwire.Optim;

/// <summary>
/// RMSProp as recurrent.js's <c>Solver</c> does it: the running mean of squared gradients
/// <c>s ← ρs + (1−ρ)g²</c> (of the raw gradient), then the gradient clipped to [−clip, clip], then
/// <c>w ← w − lr · g / √(s + ε) − λw</c> (the L2 pull applied directly, as recurrent.js's <c>regc</c>).
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">What to update.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="decay">ρ (recurrent.js uses 0.999; PyTorch's default alpha is 0.99).</param>
    /// <param name="epsilon">ε, inside the square root.</param>
    /// <param name="clip">Gradients are clipped to [−clip, clip] (recurrent.js: 5); infinity for none.</param>
    /// <param name="weightDecay">λ, recurrent.js's <c>regc</c>.</param>
    public RmsProp(IEnumerable<Parameter> parameters, double learningRate = 0.01, double decay = 0.99, double epsilon = 1e-8,
        double clip = double.PositiveInfinity, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        CheckRange(nameof(decay), decay, 0, 1);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        if (!(clip > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clip), clip, "rmsprop: clip must be > 0 (infinity for none).");
        }

        Decay = decay;
        Epsilon = epsilon;
        Clip = clip;
        WeightDecay = weightDecay;
    }

    /// <summary>ρ.</summary>
    public double Decay { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>The clipping bound.</summary>
    public double Clip { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "rmsprop";

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
    {
        var cache = State<T>(index, "square_avg");
        var lr = T.CreateTruncating(LearningRate);
        var rho = T.CreateTruncating(Decay);
        var rest = T.One - rho;
        var eps = T.CreateTruncating(Epsilon);
        var clip = T.CreateTruncating(Clip);
        var wd = decay ? T.CreateTruncating(WeightDecay) : T.Zero;
        var i = 0;
        var end = Simd.VectorEnd<T>(w.Length);
        if (end > 0)
        {
            Vector<T> vlr = new(lr), vrho = new(rho), vrest = new(rest), veps = new(eps), vclip = new(clip), vwd = new(wd);
            for (; i < end; i += Vector<T>.Count)
            {
                var wi = Simd.Load<T>(w, i);
                var gi = Simd.Load(g, i);
                var ci = vrho * Simd.Load<T>(cache, i) + vrest * gi * gi;
                Simd.Store(ci, cache, i);
                gi = Vector.Min(Vector.Max(gi, -vclip), vclip);
                Simd.Store(wi - vlr * gi / Vector.SquareRoot(ci + veps) - vwd * wi, w, i);
            }
        }

        for (; i < w.Length; i++)
        {
            var gi = g[i];
            cache[i] = rho * cache[i] + rest * gi * gi;
            gi = T.Clamp(gi, -clip, clip);
            w[i] = w[i] - lr * gi / T.Sqrt(cache[i] + eps) - wd * w[i];
        }
    }
}
