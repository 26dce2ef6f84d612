using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// One time step of each recurrence as tensor ops (so every step differentiates to any order): the cells call
/// these directly and the layers call them once per time step with the input projection precomputed.
/// </summary>
internal static class RecurrentSteps
{
    /// <summary>Gates per kind: the rows of W_ih / W_hh are gates × hidden.</summary>
    public static int Gates(RecurrentKind kind) => kind switch
    {
        RecurrentKind.Lstm => 4,
        RecurrentKind.Gru => 3,
        _ => 1,
    };

    /// <summary>
    /// The next hidden (and cell) state from the input projection <paramref name="xp"/> = W_ih x + b_ih
    /// ([B, gates·H]) and the state. LSTM: i, f, g, o = σ, σ, tanh, σ of (xp + W_hh h + b_hh) in four chunks;
    /// c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). GRU: r = σ(x_r + h_r), z = σ(x_z + h_z),
    /// n = tanh(x_n + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
    /// </summary>
    public static (Tensor H, Tensor? C) Step(RecurrentKind kind, Tensor xp, Tensor h, Tensor? c, Tensor weightHh, Tensor? biasHh)
    {
        var hp = LinearFunction.Apply(h, weightHh, biasHh);
        switch (kind)
        {
            case RecurrentKind.RnnTanh:
                return ((xp + hp).Tanh(), null);
            case RecurrentKind.RnnRelu:
                return ((xp + hp).Relu(), null);
            case RecurrentKind.Lstm:
            {
                var g = (xp + hp).Chunk(4, 1);
                var cNext = (g[1].Sigmoid() * c!) + (g[0].Sigmoid() * g[2].Tanh());
                return (g[3].Sigmoid() * cNext.Tanh(), cNext);
            }

            default:
            {
                var xg = xp.Chunk(3, 1);
                var hg = hp.Chunk(3, 1);
                var r = (xg[0] + hg[0]).Sigmoid();
                var z = (xg[1] + hg[1]).Sigmoid();
                var n = (xg[2] + (r * hg[2])).Tanh();
                return (n + (z * (h - n)), null);
            }
        }
    }
}
