using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// Batch normalization over a contiguous <c>[N, C, S]</c> block (S = the product of the spatial sizes): per-channel
/// statistics in one pass, the normalization as one multiply-add per element, and the closed-form backward.
/// </summary>
/// <remarks>
/// Sums are accumulated in float64 whatever the element type, and shifted by the channel's first element
/// so that the one-pass variance <c>(Σd² − (Σd)²/m)/m</c> does not cancel when the mean is large against the spread.
/// The tensor-op twin in <c>BatchNormFunction</c> tests these kernels.
/// </remarks>
internal static class BatchNormKernels
{
    /// <summary>
    /// Per channel c over its <c>m = N·S</c> elements: <c>mean[c] = Σx/m</c>, biased <c>variance[c] = Σ(x − mean)²/m</c>.
    /// </summary>
    public static void Statistics<T>(ReadOnlySpan<T> x, int n, int c, int s, Span<double> mean, Span<double> variance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = (double)n * s;
        for (var ch = 0; ch < c; ch++)
        {
            var shift = double.CreateTruncating(x[ch * s]);
            double sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                var row = x.Slice((i * c + ch) * s, s);
                for (var j = 0; j < row.Length; j++)
                {
                    var d = double.CreateTruncating(row[j]) - shift;
                    sum += d;
                    squares += d * d;
                }
            }

            var centred = sum / m;
            mean[ch] = shift + centred;
            variance[ch] = Math.Max(squares / m - centred * centred, 0);
        }
    }

    /// <summary>
    /// <c>y = (x − mean[c]) · invStd[c] · w[c] + b[c]</c> (w = 1, b = 0 when absent), as <c>y = x·a + d</c> per channel.
    /// </summary>
    public static void Normalize<T>(ReadOnlySpan<T> x, int n, int c, int s, ReadOnlySpan<double> mean, ReadOnlySpan<double> invStd,
        ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var ch = 0; ch < c; ch++)
        {
            var w = weight.IsEmpty ? 1.0 : double.CreateTruncating(weight[ch]);
            var b = bias.IsEmpty ? 0.0 : double.CreateTruncating(bias[ch]);
            var a = invStd[ch] * w;
            var scale = T.CreateTruncating(a);
            var offset = T.CreateTruncating(b - mean[ch] * a);
            for (var i = 0; i < n; i++)
            {
                var at = (i * c + ch) * s;
                var xs = x.Slice(at, s);
                var ys = y.Slice(at, s);
                for (var j = 0; j < ys.Length; j++)
                {
                    ys[j] = xs[j] * scale + offset;
                }
            }
        }
    }

    /// <summary>
    /// The backward of <see cref="Normalize{T}"/>. With <paramref name="batchStatistics"/> (training: mean and
    /// invStd were computed from x), with x̂ = (x − mean)·invStd and m = N·S:
    /// <c>dx = w·invStd·(g − Σg/m − x̂·Σ(g·x̂)/m)</c>; otherwise (running statistics, constants) <c>dx = w·invStd·g</c>.
    /// Both: <c>dw = Σ g·x̂</c>, <c>db = Σ g</c>. Empty <paramref name="dx"/>/<paramref name="dw"/>/<paramref name="db"/> are skipped.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, int n, int c, int s, ReadOnlySpan<double> mean,
        ReadOnlySpan<double> invStd, ReadOnlySpan<T> weight, bool batchStatistics, Span<T> dx, Span<T> dw, Span<T> db)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = (double)n * s;
        for (var ch = 0; ch < c; ch++)
        {
            var mu = mean[ch];
            double sumG = 0, sumGx = 0;
            for (var i = 0; i < n; i++)
            {
                var at = (i * c + ch) * s;
                var xs = x.Slice(at, s);
                var gs = g.Slice(at, s);
                for (var j = 0; j < xs.Length; j++)
                {
                    var gj = double.CreateTruncating(gs[j]);
                    sumG += gj;
                    sumGx += gj * (double.CreateTruncating(xs[j]) - mu);
                }
            }

            var istd = invStd[ch];
            if (!dw.IsEmpty)
            {
                dw[ch] = T.CreateTruncating(sumGx * istd);
            }

            if (!db.IsEmpty)
            {
                db[ch] = T.CreateTruncating(sumG);
            }

            if (dx.IsEmpty)
            {
                continue;
            }

            var wi = (weight.IsEmpty ? 1.0 : double.CreateTruncating(weight[ch])) * istd;

            // dx = a·g + b·x + d, the closed form expanded per channel.
            double a = wi, b = 0, d = 0;
            if (batchStatistics)
            {
                b = -wi * istd * istd * sumGx / m;
                d = -wi * sumG / m - b * mu;
            }

            var ta = T.CreateTruncating(a);
            var tb = T.CreateTruncating(b);
            var td = T.CreateTruncating(d);
            for (var i = 0; i < n; i++)
            {
                var at = (i * c + ch) * s;
                var xs = x.Slice(at, s);
                var gs = g.Slice(at, s);
                var ds = dx.Slice(at, s);
                for (var j = 0; j < ds.Length; j++)
                {
                    ds[j] = ta * gs[j] + tb * xs[j] + td;
                }
            }
        }
    }
}
