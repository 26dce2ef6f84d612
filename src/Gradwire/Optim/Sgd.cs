using System.Numerics;
using Gradwire.NN;

namespace Gradwire.Optim;

/// <summary>
/// Stochastic gradient descent, PyTorch's rule: <c>d = g + λw</c>; with momentum μ the velocity
/// <c>b ← μb + (1 − dampening)d</c> (b = d on the first step), and the step is <c>b</c>, or <c>d + μb</c> with
/// Nesterov; then <c>w ← w − lr·step</c>. Plain SGD is the guide's "nudge every input along its pull".
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Sgd(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, bool nesterov = false,
        double weightDecay = 0, double dampening = 0)
        : base(parameters, learningRate)
    {
        CheckRange(nameof(momentum), momentum, 0, 1);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        CheckRange(nameof(dampening), dampening, 0, 1);
        if (nesterov && (momentum == 0 || dampening != 0))
        {
            throw new ArgumentException("sgd: Nesterov momentum needs a momentum > 0 and zero dampening.");
        }

        Momentum = momentum;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        Dampening = dampening;
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the step looks ahead along the velocity.</summary>
    public bool Nesterov { get; }

    /// <summary>λ, the L2 weight decay folded into the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>How much of the gradient the velocity leaves out.</summary>
    public double Dampening { get; }

    /// <inheritdoc />
    public override string Name => "sgd";

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
    {
        var lr = T.CreateTruncating(LearningRate);
        var wd = decay ? T.CreateTruncating(WeightDecay) : T.Zero;
        var end = Simd.VectorEnd<T>(w.Length);
        if (Momentum == 0)
        {
            var vlr = new Vector<T>(lr);
            var vwd = new Vector<T>(wd);
            var i = 0;
            for (; i < end; i += Vector<T>.Count)
            {
                var wi = Simd.Load<T>(w, i);
                Simd.Store(wi - vlr * (Simd.Load(g, i) + vwd * wi), w, i);
            }

            for (; i < w.Length; i++)
            {
                w[i] -= lr * (g[i] + wd * w[i]);
            }

            return;
        }

        var buffer = State<T>(index, "momentum_buffer", out var first);
        var mu = T.CreateTruncating(Momentum);
        var keep = T.CreateTruncating(1 - Dampening);
        if (first)
        {
            // The first velocity is the (decayed) gradient itself.
            mu = T.Zero;
            keep = T.One;
        }

        var nesterov = Nesterov;
        var vmu = new Vector<T>(mu);
        var vkeep = new Vector<T>(keep);
        var vmuStep = new Vector<T>(T.CreateTruncating(Momentum));
        var vlr2 = new Vector<T>(lr);
        var vwd2 = new Vector<T>(wd);
        var muStep = T.CreateTruncating(Momentum);
        var j = 0;
        for (; j < end; j += Vector<T>.Count)
        {
            var wj = Simd.Load<T>(w, j);
            var d = Simd.Load(g, j) + vwd2 * wj;
            var b = vmu * Simd.Load<T>(buffer, j) + vkeep * d;
            Simd.Store(b, buffer, j);
            var step = nesterov ? d + vmuStep * b : b;
            Simd.Store(wj - vlr2 * step, w, j);
        }

        for (; j < w.Length; j++)
        {
            var d = g[j] + wd * w[j];
            var b = mu * buffer[j] + keep * d;
            buffer[j] = b;
            w[j] -= lr * (nesterov ? d + muStep * b : b);
        }
    }
}
