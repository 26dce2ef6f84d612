using System.Numerics;
using Gradwire.NN;

namespace Gradwire.Optim;

/// <summary>
/// Adagrad: each weight's step shrinks with the squared gradients it has seen: <c>d = g + λw</c>,
/// <c>s ← s + d²</c>, <c>w ← w − lr · d / (√s + ε)</c> (PyTorch's rule, without learning-rate decay).
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    public Adagrad(IEnumerable<Parameter> parameters, double learningRate = 0.01, double epsilon = 1e-10, double weightDecay = 0)
        : base(parameters, learningRate)
    {
        CheckRange(nameof(epsilon), epsilon, 0, double.MaxValue);
        CheckRange(nameof(weightDecay), weightDecay, 0, double.MaxValue);
        Epsilon = epsilon;
        WeightDecay = weightDecay;
    }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    public override string Name => "adagrad";

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
    {
        var sum = State<T>(index, "sum");
        var lr = T.CreateTruncating(LearningRate);
        var eps = T.CreateTruncating(Epsilon);
        var wd = decay ? T.CreateTruncating(WeightDecay) : T.Zero;
        var i = 0;
        var end = Simd.VectorEnd<T>(w.Length);
        if (end > 0)
        {
            Vector<T> vlr = new(lr), veps = new(eps), vwd = new(wd);
            for (; i < end; i += Vector<T>.Count)
            {
                var wi = Simd.Load<T>(w, i);
                var d = Simd.Load(g, i) + vwd * wi;
                var si = Simd.Load<T>(sum, i) + d * d;
                Simd.Store(si, sum, i);
                Simd.Store(wi - vlr * d / (Vector.SquareRoot(si) + veps), w, i);
            }
        }

        for (; i < w.Length; i++)
        {
            var d = g[i] + wd * w[i];
            sum[i] += d * d;
            w[i] -= lr * d / (T.Sqrt(sum[i]) + eps);
        }
    }
}
