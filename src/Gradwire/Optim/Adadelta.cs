using System.Numerics;
using Gradwire.NN;

namespace Gradwire.Optim;

/// <summary>
/// Adadelta (Zeiler): no global step size to tune; the update has the units of the weights.
/// <c>d = g + λw</c>, <c>s ← ρs + (1−ρ)d²</c>, <c>Δ = √(u + ε) / √(s + ε) · d</c>, <c>u ← ρu + (1−ρ)Δ²</c>,
/// <c>w ← w − lr·Δ</c> (lr = 1 in the paper and in PyTorch).
/// </summary>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Adadelta(IEnumerable<Parameter> parameters, double learningRate = 1.0, double rho = 0.9, double epsilon = 1e-6, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        CheckRange(nameof(rho), rho, 0, 1);
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        Rho = rho;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>ρ, the decay of both running averages.</summary>
    public double Rho { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "adadelta";

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
    {
        var squares = State<T>(index, "square_avg");
        var deltas = State<T>(index, "acc_delta");
        var lr = T.CreateTruncating(LearningRate);
        var rho = T.CreateTruncating(Rho);
        var rest = T.One - rho;
        var eps = T.CreateTruncating(Epsilon);
        var wd = decay ? T.CreateTruncating(WeightDecay) : T.Zero;
        var i = 0;
        var end = Simd.VectorEnd<T>(w.Length);
        if (end > 0)
        {
            Vector<T> vlr = new(lr), vrho = new(rho), vrest = new(rest), veps = new(eps), vwd = new(wd);
            for (; i < end; i += Vector<T>.Count)
            {
                var wi = Simd.Load<T>(w, i);
                var d = Simd.Load(g, i) + vwd * wi;
                var si = vrho * Simd.Load<T>(squares, i) + vrest * d * d;
                var ui = Simd.Load<T>(deltas, i);
                var delta = Vector.SquareRoot(ui + veps) / Vector.SquareRoot(si + veps) * d;
                Simd.Store(si, squares, i);
                Simd.Store(vrho * ui + vrest * delta * delta, deltas, i);
                Simd.Store(wi - vlr * delta, w, i);
            }
        }

        for (; i < w.Length; i++)
        {
            var d = g[i] + wd * w[i];
            squares[i] = rho * squares[i] + rest * d * d;
            var delta = T.Sqrt(deltas[i] + eps) / T.Sqrt(squares[i] + eps) * d;
            deltas[i] = rho * deltas[i] + rest * delta * delta;
            w[i] -= lr * delta;
        }
    }
}
