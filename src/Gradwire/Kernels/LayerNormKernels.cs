using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Gradwire.Kernels;

/// <summary>
/// Layer normalization over rows of length <c>d</c>, forward and backward, one row at a time (the row stays in
/// cache for all its passes). Forward: <c>μ = mean(x)</c>, <c>rstd = 1/√(mean((x−μ)²) + ε)</c>,
/// <c>y = (x−μ)·rstd·w + b</c>. Backward with <c>x̂ = (x−μ)·rstd</c> and <c>ĝ = g·w</c>:
/// <c>dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))</c>, <c>dw = Σ_rows g·x̂</c>, <c>db = Σ_rows g</c>.
/// </summary>
/// <remarks>The tensor-op twin (LayerNormFunction.Composite) tests these and serves createGraph.</remarks>
internal static class LayerNormKernels
{
    /// <summary>Forward over <paramref name="rows"/> rows; <paramref name="w"/>/<paramref name="b"/> empty when not affine.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> y, Span<T> mean, Span<T> rstd, int rows, int d, T eps)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = T.CreateTruncating(d);
        for (var r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * d, d);
            var yr = y.Slice(r * d, d);
            var mu = TensorPrimitives.Sum(xr) / n;
            TensorPrimitives.Subtract(xr, mu, yr);
            var variance = TensorPrimitives.SumOfSquares<T>(yr) / n;
            var s = T.One / T.Sqrt(variance + eps);
            mean[r] = mu;
            rstd[r] = s;
            TensorPrimitives.Multiply(yr, s, yr);
            if (!w.IsEmpty)
            {
                TensorPrimitives.FusedMultiplyAdd(yr, w, b, yr);
            }
        }
    }

    /// <summary>Backward; <paramref name="dx"/>, <paramref name="dw"/>, <paramref name="db"/> may be empty when not needed (dw/db are overwritten).</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> g, ReadOnlySpan<T> mean, ReadOnlySpan<T> rstd,
        Span<T> dx, Span<T> dw, Span<T> db, int rows, int d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        dw.Clear();
        db.Clear();
        var n = T.CreateTruncating(d);
        var pool = ArrayPool<T>.Shared;
        var xhatBuffer = pool.Rent(d);
        var ghatBuffer = pool.Rent(d);
        try
        {
            var xhat = xhatBuffer.AsSpan(0, d);
            var ghat = ghatBuffer.AsSpan(0, d);
            for (var r = 0; r < rows; r++)
            {
                var gr = g.Slice(r * d, d);
                TensorPrimitives.Subtract(x.Slice(r * d, d), mean[r], xhat);
                TensorPrimitives.Multiply(xhat, rstd[r], xhat);
                if (!dw.IsEmpty)
                {
                    TensorPrimitives.FusedMultiplyAdd(gr, xhat, dw, dw);
                }

                if (!db.IsEmpty)
                {
                    TensorPrimitives.Add(db, gr, db);
                }

                if (dx.IsEmpty)
                {
                    continue;
                }

                if (w.IsEmpty)
                {
                    gr.CopyTo(ghat);
                }
                else
                {
                    TensorPrimitives.Multiply(gr, w, ghat);
                }

                var a = TensorPrimitives.Sum<T>(ghat) / n;
                var c = TensorPrimitives.Dot<T>(ghat, xhat) / n;
                var dxr = dx.Slice(r * d, d);

                // dx = rstd·(ĝ − a − x̂·c)
                TensorPrimitives.Multiply(xhat, -c, dxr);
                TensorPrimitives.Add(dxr, ghat, dxr);
                TensorPrimitives.Subtract(dxr, a, dxr);
                TensorPrimitives.Multiply(dxr, rstd[r], dxr);
            }
        }
        finally
        {
            pool.Return(xhatBuffer);
            pool.Return(ghatBuffer);
        }
    }
}
