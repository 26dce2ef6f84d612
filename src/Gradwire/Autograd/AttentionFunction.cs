using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Scaled dot-product attention <c>O = softmax(Q·Kᵀ·s + M)·V</c> (s = 1/√d by default) as one tape node that keeps
/// only the probabilities P [..., T, S] (and the dropout mask when dropout is on) besides its inputs.
/// Backward: <c>dV = Pᵀ·dO</c>, <c>dP = dO·Vᵀ</c>, <c>dS = P ⊙ (dP − rowsum(dP ⊙ P))</c>, <c>dQ = s·dS·K</c>,
/// <c>dK = s·dSᵀ·Q</c>; the products are batched GEMMs (<see cref="LinearAlgebraFunctions.MatMul"/>).
/// </summary>
/// <remarks>
/// NOTE: under createGraph P is recomputed from Q and K with recorded ops (the <see cref="Composite"/> twin),
/// because the saved P is a constant to the tape and second derivatives need it as a function of Q and K.
/// Masks: a bool mask is True where attention is allowed (PyTorch 2.x's <c>scaled_dot_product_attention</c>);
/// a float mask is added to the scores and gets no gradient.
/// </remarks>
internal static class AttentionFunction
{
    public static Tensor Apply(Tensor q, Tensor k, Tensor v, Tensor? mask, double dropoutP, bool isCausal, Generator? generator, double? scale)
    {
        var s = Check(q, k, v, mask, dropoutP, isCausal, generator, scale);
        Tensor p;
        Tensor? keep = null;
        Tensor output;
        using (Tensor.NoGrad())
        {
            p = Probabilities(q, k, mask, isCausal, s);
            var pd = p;
            if (dropoutP > 0)
            {
                keep = Tensor.Bernoulli(p.Shape, generator!, 1 - dropoutP, p.DType);
                keep.MulInPlace(1 / (1 - dropoutP));
                pd = p * keep;
            }

            output = pd.MatMul(v);
        }

        if (Backends.Dispatch.Tracer is not null)
        {
            Backends.Dispatch.Record("scaled_dot_product_attention", q, k, v, output, $"causal={isCausal} dropout={dropoutP}");
        }

        if (GradMode.Enabled && (q.RequiresGrad || k.RequiresGrad || v.RequiresGrad))
        {
            var saved = keep is null ? new[] { q, k, v, p } : [q, k, v, p, keep];
            output.SetGradFn(new FunctionNode("scaled_dot_product_attention", [q, k, v], saved,
                (g, t, needs, grads) => Backward(g, t, needs, grads, mask, isCausal, s)));
        }

        return output;
    }

    /// <summary>The same function from recorded tensor ops (the twin that tests the node); also returns P after dropout.</summary>
    public static (Tensor Output, Tensor Weights) Composite(Tensor q, Tensor k, Tensor v, Tensor? mask, double dropoutP, bool isCausal, Generator? generator, double? scale)
    {
        var s = Check(q, k, v, mask, dropoutP, isCausal, generator, scale);
        var p = Probabilities(q, k, mask, isCausal, s);
        if (dropoutP > 0)
        {
            var keep = Tensor.Bernoulli(p.Shape, generator!, 1 - dropoutP, p.DType);
            keep.MulInPlace(1 / (1 - dropoutP));
            p *= keep;
        }

        return (p.MatMul(v), p);
    }

    /// <summary>The causal mask for T queries over S keys: True (attend) where key j ≤ query i (PyTorch's lower-triangular ones).</summary>
    public static Tensor CausalMask(int t, int s)
    {
        var data = new bool[t * s];
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j <= i && j < s; j++)
            {
                data[(i * s) + j] = true;
            }
        }

        return Tensor.FromArray(data, new Shape(t, s));
    }

    private static Tensor Probabilities(Tensor q, Tensor k, Tensor? mask, bool isCausal, double s)
    {
        var scores = q.MatMul(k.MT) * s;
        if (isCausal)
        {
            scores = scores.MaskedFill(CausalMask(q.ShapeArray[^2], k.ShapeArray[^2]).Not(), double.NegativeInfinity);
        }

        if (mask is not null)
        {
            scores = mask.DType == DType.Bool ? scores.MaskedFill(mask.Not(), double.NegativeInfinity) : scores + mask;
        }

        return scores.Softmax(-1);
    }

    private static void Backward(Tensor g, ReadOnlySpan<Tensor> t, ReadOnlySpan<bool> needs, Span<Tensor?> grads, Tensor? mask, bool isCausal, double s)
    {
        var (q, k, v) = (t[0], t[1], t[2]);
        var p = GradMode.Enabled ? Probabilities(q, k, mask, isCausal, s) : t[3];
        var keep = t.Length > 4 ? t[4] : null;
        if (needs[2])
        {
            grads[2] = (keep is null ? p : p * keep).MT.MatMul(g);
        }

        if (!needs[0] && !needs[1])
        {
            return;
        }

        var dp = g.MatMul(v.MT);
        if (keep is not null)
        {
            dp *= keep;
        }

        var ds = p * (dp - (dp * p).Sum(-1, keepDim: true));
        if (needs[0])
        {
            grads[0] = ds.MatMul(k) * s;
        }

        if (needs[1])
        {
            grads[1] = ds.MT.MatMul(q) * s;
        }
    }

    private static double Check(Tensor q, Tensor k, Tensor v, Tensor? mask, double dropoutP, bool isCausal, Generator? generator, double? scale)
    {
        const string op = "scaled_dot_product_attention";
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        Backends.Dispatch.RequireCpu(op, q);
        Backends.Dispatch.RequireFloat(op, q);
        if (q.Rank < 2 || k.Rank != q.Rank || v.Rank != q.Rank)
        {
            throw new ArgumentException($"{op}: query {q.Shape}, key {k.Shape}, value {v.Shape} must have the same rank ≥ 2 ([..., T, d], [..., S, d], [..., S, dv]).");
        }

        if (k.DType != q.DType || v.DType != q.DType)
        {
            throw new ArgumentException($"{op}: query, key and value must share a dtype, got {q.DType.Name()}, {k.DType.Name()}, {v.DType.Name()}.");
        }

        var sameBatch = true;
        for (var i = 0; i < q.Rank - 2; i++)
        {
            sameBatch &= q.ShapeArray[i] == k.ShapeArray[i] && q.ShapeArray[i] == v.ShapeArray[i];
        }

        if (!sameBatch || q.ShapeArray[^1] != k.ShapeArray[^1] || k.ShapeArray[^2] != v.ShapeArray[^2])
        {
            throw new ArgumentException($"{op}: query {q.Shape}, key {k.Shape}, value {v.Shape} do not fit [..., T, d], [..., S, d], [..., S, dv] with the same leading axes.");
        }

        if (mask is not null)
        {
            if (mask.DType != DType.Bool && mask.DType != q.DType)
            {
                throw new ArgumentException($"{op}: attnMask must be bool (True = attend) or {q.DType.Name()} (added to the scores), got {mask.DType.Name()}.");
            }

            if (mask.RequiresGrad)
            {
                throw new ArgumentException($"{op}: a float attnMask gets no gradient here; pass attnMask.Detach().");
            }

            if (isCausal)
            {
                throw new ArgumentException($"{op}: pass either attnMask or isCausal, not both (as PyTorch).");
            }
        }

        if (!(dropoutP >= 0 && dropoutP < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropoutP), dropoutP, $"{op}: dropoutP must be in [0, 1).");
        }

        if (dropoutP > 0 && generator is null)
        {
            throw new ArgumentException($"{op}: dropoutP = {dropoutP} needs a generator for the dropout mask.");
        }

        return scale ?? 1 / Math.Sqrt(q.ShapeArray[^1]);
    }
}
