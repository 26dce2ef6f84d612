namespace Gradwire.Manifold;

/// <summary>
/// t-SNE's input affinities: per row, the conditional p_j|i calibrated to the perplexity
/// (<see cref="Perplexity.CalibrateRow"/>) over squared Euclidean distances, then p_ij = (p_j|i + p_i|j) / Σ.
/// </summary>
internal static class TsneAffinities
{
    /// <summary>The conditional rows over the k = min(N − 1, ⌊3·perplexity + 1⌋) nearest neighbours (N×k each).</summary>
    public static (int[] Neighbours, double[] Conditional, int K) SparseConditional(ReadOnlySpan<double> x, int n, int d, double perplexity, int threads)
    {
        var k = (int)Math.Min(n - 1, Math.Floor(3 * perplexity + 1));
        var (neighbours, distances) = NearestNeighbours.Find(x, n, d, k, threads);
        var conditional = new double[n * k];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            Perplexity.CalibrateRow(distances.AsSpan(i * k, k), conditional.AsSpan(i * k, k), perplexity));
        return (neighbours, conditional, k);
    }

    /// <summary>The symmetric sparse P over the nearest neighbours (Barnes-Hut).</summary>
    public static SparseAffinities Sparse(ReadOnlySpan<double> x, int n, int d, double perplexity, int threads)
    {
        var (neighbours, conditional, k) = SparseConditional(x, n, d, perplexity, threads);
        return SparseAffinities.Symmetrize(n, k, neighbours, conditional);
    }

    /// <summary>The conditional rows over all other points, row-major N×N with a zero diagonal.</summary>
    public static double[] DenseConditional(ReadOnlySpan<double> x, int n, int d, double perplexity, int threads)
    {
        var data = x.ToArray();
        var conditional = new double[n * n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => (new double[n - 1], new double[n - 1]), (i, _, buffers) =>
        {
            var (dist, row) = buffers;
            var m = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    dist[m++] = NearestNeighbours.SquaredDistance(data.AsSpan(i * d, d), data.AsSpan(j * d, d));
                }
            }

            Perplexity.CalibrateRow(dist, row, perplexity);
            m = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    conditional[i * n + j] = row[m++];
                }
            }

            return buffers;
        }, _ => { });
        return conditional;
    }

    /// <summary>The dense symmetric P (exact method), row-major N×N with a zero diagonal, summing to 1.</summary>
    public static double[] Dense(ReadOnlySpan<double> x, int n, int d, double perplexity, int threads)
    {
        var conditional = DenseConditional(x, n, d, perplexity, threads);
        var p = new double[n * n];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                p[i * n + j] = conditional[i * n + j] + conditional[j * n + i];
                total += p[i * n + j];
            }
        }

        for (var e = 0; e < p.Length; e++)
        {
            p[e] /= total;
        }

        return p;
    }
}
