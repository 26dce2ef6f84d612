namespace Gradwire.Manifold;

/// <summary>
/// How well an embedding keeps local structure, as scikit-learn's <c>sklearn.manifold.trustworthiness</c>:
/// T(k) = 1 − 2 / (N k (2N − 3k − 1)) · Σ_i Σ_{j ∈ N_k^Y(i)} max(0, r(i, j) − k), where N_k^Y(i) are i's k
/// nearest neighbours in the embedding and r(i, j) is j's rank (1 = nearest) among i's neighbours in the input
/// (Euclidean distances; ties ranked by index). 1 means every embedded neighbour is a true neighbour.
/// </summary>
public static class Trustworthiness
{
    /// <summary>T(k) of the embedding <paramref name="y"/> (N×dy) of <paramref name="x"/> (N×dx), both row-major.</summary>
    /// <exception cref="ArgumentException">Shapes do not match, or k is not in [1, N/2).</exception>
    public static double Compute(ReadOnlySpan<double> x, int dx, ReadOnlySpan<double> y, int dy, int k, int threads = 0)
    {
        if (dx < 1 || dy < 1 || x.Length % dx != 0 || y.Length % dy != 0 || x.Length / dx != y.Length / dy)
        {
            throw new ArgumentException(
                $"Trustworthiness: x ({x.Length} values, {dx} per row) and y ({y.Length} values, {dy} per row) must have the same number of rows.",
                nameof(y));
        }

        var n = x.Length / dx;
        if (k < 1 || k >= n / 2.0)
        {
            throw new ArgumentException($"Trustworthiness: k must be in [1, N/2) = [1, {n / 2.0}), not {k}.", nameof(k));
        }

        var (embedded, _) = NearestNeighbours.Find(y, n, dy, k, threads <= 0 ? Environment.ProcessorCount : threads);
        var xs = x.ToArray();
        var penalties = new double[n];
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads <= 0 ? Environment.ProcessorCount : threads }, () => new double[n], (i, _, dist) =>
        {
            for (var j = 0; j < n; j++)
            {
                dist[j] = NearestNeighbours.SquaredDistance(xs.AsSpan(i * dx, dx), xs.AsSpan(j * dx, dx));
            }

            double penalty = 0;
            for (var t = 0; t < k; t++)
            {
                var j = embedded[i * k + t];
                var dij = dist[j];
                var rank = 1;
                for (var l = 0; l < n; l++)
                {
                    if (l != i && (dist[l] < dij || (dist[l] == dij && l < j)))
                    {
                        rank++;
                    }
                }

                penalty += Math.Max(0, rank - k);
            }

            penalties[i] = penalty;
            return dist;
        }, _ => { });
        double sum = 0;
        foreach (var p in penalties)
        {
            sum += p;
        }

        return 1 - sum * (2.0 / (n * (double)k * (2.0 * n - 3.0 * k - 1.0)));
    }
}
