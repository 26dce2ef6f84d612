using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Gradwire.Autograd;
using Gradwire.Kernels;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.NN;

/// <summary>
/// One LSTM layer-direction over the whole sequence as one tape node (the fast path of <see cref="RecurrentCore"/>).
/// Forward per step: G = xp_t + h·W_hhᵀ + b_hh (one GEMM into a [B, 4H] slice), then one fused pass
/// i, f, g, o = σ, σ, tanh, σ of G; c' = f ⊙ c + i ⊙ g; h' = o ⊙ tanh(c'). Backward through time by hand: per
/// step one fused pass for the gate gradients and one GEMM dh = dG·W_hh; after the loop dW_hh = Σ_t dG_tᵀ·h_{t−1}
/// as one GEMM over all steps and db_hh = Σ dG. The input projection xp (W_ih x + b_ih) stays a
/// <see cref="LinearFunction"/> node, so dW_ih and dx are single GEMMs over all steps there.
/// </summary>
/// <remarks>
/// The node has one output, [T + 2, B, H]: rows 0..T−1 the outputs, row T the final h, row T + 1 the final c; the
/// callers take views of it. Under <c>createGraph</c> the backward replays the tensor-op twin
/// (<see cref="RecurrentSteps.Step"/>) from the saved inputs and differentiates that, so second order works.
/// </remarks>
internal static class LstmSequenceFunction
{
    /// <summary>
    /// Runs the recurrence. <paramref name="xp"/> [T, B, 4H]; <paramref name="h0"/>, <paramref name="c0"/> [B, H];
    /// <paramref name="lengths"/> per batch row in 1..T or null; <paramref name="reverse"/> runs t = T−1 … 0.
    /// Past a row's length the state is carried and the output is zero (as the tensor-op path).
    /// </summary>
    public static Tensor Apply(Tensor xp, Tensor h0, Tensor c0, Tensor weightHh, Tensor? biasHh, long[]? lengths, bool reverse)
    {
        xp = xp.Contiguous();
        h0 = h0.Contiguous();
        c0 = c0.Contiguous();
        var steps = xp.ShapeArray[0];
        var batch = xp.ShapeArray[1];
        var hidden = weightHh.ShapeArray[1];
        var all = Tensor.Empty([steps + 2, batch, hidden], xp.DType);
        var gates = Tensor.Empty([steps, batch, 4 * hidden], xp.DType);
        var hPrev = Tensor.Empty([steps, batch, hidden], xp.DType);
        var cPrev = Tensor.Empty([steps, batch, hidden], xp.DType);
        var cNext = Tensor.Empty([steps, batch, hidden], xp.DType);
        if (xp.DType == DType.Float32)
        {
            Forward<float>(xp, h0, c0, weightHh, biasHh, lengths, reverse, all, gates, hPrev, cPrev, cNext);
        }
        else
        {
            Forward<double>(xp, h0, c0, weightHh, biasHh, lengths, reverse, all, gates, hPrev, cPrev, cNext);
        }

        Backends.Dispatch.Record("lstm_sequence", xp, weightHh, all);
        if (GradMode.Enabled && (xp.RequiresGrad || h0.RequiresGrad || c0.RequiresGrad || weightHh.RequiresGrad || (biasHh?.RequiresGrad ?? false)))
        {
            all.SetGradFn(new LstmSequenceNode(xp, h0, c0, weightHh, biasHh, lengths, reverse, gates, hPrev, cPrev, cNext));
        }
        else
        {
            gates.Dispose();
            hPrev.Dispose();
            cPrev.Dispose();
            cNext.Dispose();
        }

        return all;
    }

    private static void Forward<T>(Tensor xpT, Tensor h0T, Tensor c0T, Tensor weightHh, Tensor? biasHh, long[]? lengths, bool reverse,
        Tensor allT, Tensor gatesT, Tensor hPrevT, Tensor cPrevT, Tensor cNextT)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var steps = xpT.ShapeArray[0];
        var batch = xpT.ShapeArray[1];
        var hidden = weightHh.ShapeArray[1];
        var g4 = 4 * hidden;
        using var wTemp = weightHh.IsContiguous ? null : weightHh.CopyContiguousTemp();
        ReadOnlySpan<T> w = TensorSpans.Of<T>(wTemp ?? weightHh);
        using var bTemp = biasHh is null || biasHh.IsContiguous ? null : biasHh.CopyContiguousTemp();
        ReadOnlySpan<T> bias = biasHh is null ? default : TensorSpans.Of<T>(bTemp ?? biasHh);
        ReadOnlySpan<T> xp = TensorSpans.Of<T>(xpT);
        var all = TensorSpans.Of<T>(allT);
        var gates = TensorSpans.Of<T>(gatesT);
        var hPrev = TensorSpans.Of<T>(hPrevT);
        var cPrev = TensorSpans.Of<T>(cPrevT);
        var cNext = TensorSpans.Of<T>(cNextT);
        var bh = batch * hidden;

        // The running state lives in the final-state rows T and T + 1 of the output.
        var h = all.Slice(steps * bh, bh);
        var c = all.Slice((steps + 1) * bh, bh);
        TensorSpans.Of<T>(h0T).CopyTo(h);
        TensorSpans.Of<T>(c0T).CopyTo(c);
        for (var s = 0; s < steps; s++)
        {
            var t = reverse ? steps - 1 - s : s;
            var g = gates.Slice(t * batch * g4, batch * g4);
            var hp = hPrev.Slice(t * bh, bh);
            var cp = cPrev.Slice(t * bh, bh);
            var cn = cNext.Slice(t * bh, bh);
            var y = all.Slice(t * bh, bh);
            h.CopyTo(hp);
            c.CopyTo(cp);
            xp.Slice(t * batch * g4, batch * g4).CopyTo(g);

            // G += h · W_hhᵀ
            Gemm(false, true, batch, g4, hidden, hp, hidden, w, hidden, T.One, g, g4);
            for (var b = 0; b < batch; b++)
            {
                // The fused gate pass, row by row (vectorized; the row stays in L1): activations in place.
                var row = g.Slice(b * g4, g4);
                var o = b * hidden;
                if (!bias.IsEmpty)
                {
                    TensorPrimitives.Add(row, bias, row);
                }

                var gi = row[..hidden];
                var gf = row.Slice(hidden, hidden);
                var gg = row.Slice(2 * hidden, hidden);
                var go = row.Slice(3 * hidden, hidden);
                TensorPrimitives.Sigmoid(row[..(2 * hidden)], row[..(2 * hidden)]);
                TensorPrimitives.Tanh(gg, gg);
                TensorPrimitives.Sigmoid(go, go);
                var cnRow = cn.Slice(o, hidden);
                TensorPrimitives.Multiply(gf, cp.Slice(o, hidden), cnRow);
                TensorPrimitives.FusedMultiplyAdd(gi, gg, cnRow, cnRow);
                var yRow = y.Slice(o, hidden);
                if (lengths is null || t < lengths[b])
                {
                    var hRow = h.Slice(o, hidden);
                    TensorPrimitives.Tanh(cnRow, hRow);
                    TensorPrimitives.Multiply(hRow, go, hRow);
                    hRow.CopyTo(yRow);
                    cnRow.CopyTo(c.Slice(o, hidden));
                }
                else
                {
                    yRow.Clear(); // the state is carried; no output past the length
                }
            }
        }
    }

    private static void Gemm<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0 || k == 0)
        {
            if (beta == T.Zero)
            {
                c.Clear();
            }

            return;
        }

        if (typeof(T) == typeof(float))
        {
            Kernels.Gemm.Multiply(ta, tb, m, n, k, 1f, MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc, Parallelism.MaxThreads);
        }
        else
        {
            Kernels.Gemm.Multiply(ta, tb, m, n, k, 1.0, MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc, Parallelism.MaxThreads);
        }
    }

    /// <summary>The tensor-op twin over the same inputs, returning the same [T + 2, B, H] layout (used under createGraph and by tests).</summary>
    internal static Tensor Twin(Tensor xp, Tensor h0, Tensor c0, Tensor weightHh, Tensor? biasHh, long[]? lengths, bool reverse)
    {
        var steps = xp.ShapeArray[0];
        var batch = xp.ShapeArray[1];
        var outputs = new Tensor[steps];
        var h = h0;
        var c = c0;
        for (var s = 0; s < steps; s++)
        {
            var t = reverse ? steps - 1 - s : s;
            var (hs, cs) = RecurrentSteps.Step(RecurrentKind.Lstm, xp.Select(0, t), h, c, weightHh, biasHh);
            if (lengths is null)
            {
                h = hs;
                c = cs!;
                outputs[t] = hs;
            }
            else
            {
                var row = new double[batch];
                for (var b = 0; b < batch; b++)
                {
                    row[b] = t < lengths[b] ? 1 : 0;
                }

                var m = Tensor.FromArray(row, new Shape(batch, 1)).To(xp.DType);
                h = h + (m * (hs - h));
                c = c + (m * (cs! - c));
                outputs[t] = hs * m;
            }
        }

        return Tensor.Concat([Tensor.Stack(outputs, 0), h.Unsqueeze(0), c.Unsqueeze(0)], 0);
    }

    private sealed class LstmSequenceNode : Node
    {
        private readonly SavedTensor _xp;
        private readonly SavedTensor _h0;
        private readonly SavedTensor _c0;
        private readonly SavedTensor _w;
        private readonly Tensor? _bias;
        private readonly long[]? _lengths;
        private readonly bool _reverse;
        private readonly Tensor _gates;
        private readonly Tensor _hPrev;
        private readonly Tensor _cPrev;
        private readonly Tensor _cNext;

        public LstmSequenceNode(Tensor xp, Tensor h0, Tensor c0, Tensor w, Tensor? bias, long[]? lengths, bool reverse,
            Tensor gates, Tensor hPrev, Tensor cPrev, Tensor cNext)
            : base(bias is null ? [xp, h0, c0, w] : [xp, h0, c0, w, bias])
        {
            _xp = new SavedTensor(xp);
            _h0 = new SavedTensor(h0);
            _c0 = new SavedTensor(c0);
            _w = new SavedTensor(w);
            _bias = bias;
            _lengths = lengths;
            _reverse = reverse;
            _gates = gates;
            _hPrev = hPrev;
            _cPrev = cPrev;
            _cNext = cNext;
        }

        public override string Name => "lstm_sequence";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var xp = _xp.Get(this);
            var h0 = _h0.Get(this);
            var c0 = _c0.Get(this);
            var w = _w.Get(this);
            if (GradMode.Enabled)
            {
                // createGraph: differentiate the tensor-op twin replayed from the same inputs, so the result has a graph.
                var wanted = new List<Tensor>();
                var slots = new List<int>();
                for (var i = 0; i < Arity; i++)
                {
                    if (NeedsGrad(i))
                    {
                        wanted.Add(Input(i));
                        slots.Add(i);
                    }
                }

                var replay = Twin(xp, h0, c0, w, _bias, _lengths, _reverse);
                var gr = Diff.Gradients([replay], [.. wanted], [g], createGraph: true);
                for (var i = 0; i < slots.Count; i++)
                {
                    grads[slots[i]] = gr[i];
                }

                return;
            }

            var gc = TensorSpans.Contiguous(g, out var temp);
            try
            {
                if (g.DType == DType.Float32)
                {
                    Backward<float>(gc, w, grads);
                }
                else
                {
                    Backward<double>(gc, w, grads);
                }
            }
            finally
            {
                temp?.Dispose();
            }
        }

        private void Backward<T>(Tensor gT, Tensor weightHh, Span<Tensor?> grads)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var steps = _gates.ShapeArray[0];
            var batch = _gates.ShapeArray[1];
            var hidden = weightHh.ShapeArray[1];
            var g4 = 4 * hidden;
            var bh = batch * hidden;
            using var wTemp = weightHh.IsContiguous ? null : weightHh.CopyContiguousTemp();
            ReadOnlySpan<T> w = TensorSpans.Of<T>(wTemp ?? weightHh);
            ReadOnlySpan<T> gy = TensorSpans.Of<T>(gT);
            ReadOnlySpan<T> gates = TensorSpans.Of<T>(_gates);
            ReadOnlySpan<T> cPrev = TensorSpans.Of<T>(_cPrev);
            ReadOnlySpan<T> cNext = TensorSpans.Of<T>(_cNext);
            var dGatesT = Tensor.Empty([steps, batch, g4], gT.DType);
            var dGates = TensorSpans.Of<T>(dGatesT);
            var dhT = Tensor.Empty([batch, hidden], gT.DType);
            var dcT = Tensor.Empty([batch, hidden], gT.DType);
            using var dhNextT = Tensor.Empty([batch, hidden], gT.DType);
            using var scratchT = Tensor.Empty([3, hidden], gT.DType);
            var scratch = TensorSpans.Of<T>(scratchT);
            var dhj = scratch[..hidden];
            var tc = scratch.Slice(hidden, hidden);
            var dct = scratch.Slice(2 * hidden, hidden);
            var dh = TensorSpans.Of<T>(dhT);
            var dc = TensorSpans.Of<T>(dcT);
            var dhNext = TensorSpans.Of<T>(dhNextT);
            gy.Slice(steps * bh, bh).CopyTo(dh);
            gy.Slice((steps + 1) * bh, bh).CopyTo(dc);
            for (var s = steps - 1; s >= 0; s--)
            {
                var t = _reverse ? steps - 1 - s : s;
                var a = gates.Slice(t * batch * g4, batch * g4);
                var dg = dGates.Slice(t * batch * g4, batch * g4);
                var cp = cPrev.Slice(t * bh, bh);
                var cn = cNext.Slice(t * bh, bh);
                var dy = gy.Slice(t * bh, bh);
                for (var b = 0; b < batch; b++)
                {
                    var o = b * hidden;
                    var row = a.Slice(b * g4, g4);
                    var drow = dg.Slice(b * g4, g4);
                    if (_lengths is not null && t >= _lengths[b])
                    {
                        // Past the length: h and c were carried, the output was a constant zero.
                        drow.Clear();
                        continue;
                    }

                    var ai = row[..hidden];
                    var af = row.Slice(hidden, hidden);
                    var ag = row.Slice(2 * hidden, hidden);
                    var ao = row.Slice(3 * hidden, hidden);
                    var di = drow[..hidden];
                    var df = drow.Slice(hidden, hidden);
                    var dgg = drow.Slice(2 * hidden, hidden);
                    var dO = drow.Slice(3 * hidden, hidden);
                    var dcRow = dc.Slice(o, hidden);

                    // dh = dh_carried + dy;  tc = tanh(c_t);  dc_t = dc + dh ⊙ o ⊙ (1 − tc²)
                    TensorPrimitives.Add(dh.Slice(o, hidden), dy.Slice(o, hidden), dhj);
                    TensorPrimitives.Tanh(cn.Slice(o, hidden), tc);
                    TensorPrimitives.Multiply(tc, tc, dct);
                    TensorPrimitives.Subtract(T.One, dct, dct);
                    TensorPrimitives.Multiply(dct, ao, dct);
                    TensorPrimitives.FusedMultiplyAdd(dct, dhj, dcRow, dct);

                    // pre-activation gradients: σ' = a(1 − a), tanh' = 1 − a²
                    TensorPrimitives.Subtract(T.One, ai, di);
                    TensorPrimitives.Multiply(di, ai, di);
                    TensorPrimitives.Multiply(di, ag, di);
                    TensorPrimitives.Multiply(di, dct, di);
                    TensorPrimitives.Subtract(T.One, af, df);
                    TensorPrimitives.Multiply(df, af, df);
                    TensorPrimitives.Multiply(df, cp.Slice(o, hidden), df);
                    TensorPrimitives.Multiply(df, dct, df);
                    TensorPrimitives.Multiply(ag, ag, dgg);
                    TensorPrimitives.Subtract(T.One, dgg, dgg);
                    TensorPrimitives.Multiply(dgg, ai, dgg);
                    TensorPrimitives.Multiply(dgg, dct, dgg);
                    TensorPrimitives.Subtract(T.One, ao, dO);
                    TensorPrimitives.Multiply(dO, ao, dO);
                    TensorPrimitives.Multiply(dO, tc, dO);
                    TensorPrimitives.Multiply(dO, dhj, dO);

                    // dc_{t−1} = dc_t ⊙ f
                    TensorPrimitives.Multiply(dct, af, dcRow);
                }

                // dh_{t−1} = dG_t · W_hh for the running rows; carried rows keep their dh.
                Gemm(false, false, batch, hidden, g4, dg, g4, w, hidden, T.Zero, dhNext, hidden);
                for (var b = 0; b < batch; b++)
                {
                    if (_lengths is null || t < _lengths[b])
                    {
                        dhNext.Slice(b * hidden, hidden).CopyTo(dh.Slice(b * hidden, hidden));
                    }
                }
            }

            if (NeedsGrad(3))
            {
                // dW_hh = Σ_t dG_tᵀ · h_{t−1}: one GEMM over all steps.
                var dw = Tensor.Empty([g4, hidden], gT.DType);
                Gemm(true, false, g4, hidden, steps * batch, dGates, g4, TensorSpans.Of<T>(_hPrev), hidden, T.Zero, TensorSpans.Of<T>(dw), hidden);
                grads[3] = dw;
            }

            if (_bias is not null && NeedsGrad(4))
            {
                var db = Tensor.Empty([g4], gT.DType);
                var d = TensorSpans.Of<T>(db);
                d.Clear();
                for (var r = 0; r < steps * batch; r++)
                {
                    TensorPrimitives.Add(d, dGates.Slice(r * g4, g4), d);
                }

                grads[4] = db;
            }

            grads[0] = NeedsGrad(0) ? dGatesT : null;
            grads[1] = NeedsGrad(1) ? dhT : null;
            grads[2] = NeedsGrad(2) ? dcT : null;
        }
    }
}
