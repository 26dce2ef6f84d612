using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Manifold;

/// <summary>
/// Principal component analysis of a row-major N×D matrix: the top k eigenvectors of the covariance
/// C = (X − μ)ᵀ(X − μ) / (N − 1). Small D: Jacobi on C directly. Larger D: subspace iteration on C with
/// k + 10 seeded random start vectors, re-orthonormalized each step, then a Rayleigh–Ritz step (Jacobi on
/// QᵀCQ); each component signed so its largest-magnitude loading is positive.
/// </summary>
public static class Pca
{
    private const int DirectLimit = 64;
    private const int Oversampling = 10;
    private const int Iterations = 30;
    private const int CovarianceRows = 2048;

    /// <summary>
    /// The projection (X − μ) V_k of <paramref name="x"/> (N×D, row-major) onto its first <paramref name="components"/>
    /// principal components, row-major N×k.
    /// </summary>
    /// <exception cref="ArgumentException">The shape does not match, k is not in [1, D], or the data has NaN/∞.</exception>
    public static double[] FitTransform(ReadOnlySpan<double> x, int n, int d, int components, ulong seed = 0, int threads = 0)
    {
        var (mean, basis) = Fit(x, n, d, components, seed, threads);
        var centred = x.ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < d; t++)
            {
                centred[i * d + t] -= mean[t];
            }
        }

        var result = new double[n * components];
        Gemm.Multiply(false, false, n, components, d, 1.0, centred, d, basis, components, 0.0, result, components, maxThreads: 1);
        return result;
    }

    /// <summary>The column means μ (D) and the basis V_k (row-major D×k, orthonormal columns, variance descending).</summary>
    /// <exception cref="ArgumentException">The shape does not match, k is not in [1, D], or the data has NaN/∞.</exception>
    public static (double[] Mean, double[] Components) Fit(ReadOnlySpan<double> x, int n, int d, int components, ulong seed = 0, int threads = 0)
    {
        if (n < 2 || d < 1 || (long)n * d != x.Length)
        {
            throw new ArgumentException($"Pca: expected an N×D row-major matrix with N ≥ 2, got {x.Length} values for N = {n}, D = {d}.", nameof(x));
        }

        if (components < 1 || components > d)
        {
            throw new ArgumentException($"Pca: components must be in [1, {d}] (the input's columns), not {components}.", nameof(components));
        }

        for (var e = 0; e < x.Length; e++)
        {
            if (!double.IsFinite(x[e]))
            {
                throw new ArgumentException($"Pca: the input has a non-finite value ({x[e]}) at row {e / d}, column {e % d}.", nameof(x));
            }
        }

        threads = threads <= 0 ? Environment.ProcessorCount : threads;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < d; t++)
            {
                mean[t] += x[i * d + t];
            }
        }

        for (var t = 0; t < d; t++)
        {
            mean[t] /= n;
        }

        var covariance = Covariance(x, n, d, mean, threads);
        if (d <= DirectLimit)
        {
            var (_, vectors) = SymmetricEigen.Decompose(covariance, d);
            return (mean, TakeColumns(vectors, d, d, components));
        }

        return (mean, SubspaceIteration(covariance, d, components, seed));
    }

    /// <summary>C = (X − μ)ᵀ(X − μ) / (N − 1), summed over fixed blocks of rows in order (thread-count independent).</summary>
    internal static double[] Covariance(ReadOnlySpan<double> x, int n, int d, double[] mean, int threads)
    {
        var data = x.ToArray();
        var blocks = (n + CovarianceRows - 1) / CovarianceRows;
        var partials = new double[blocks][];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var first = b * CovarianceRows;
            var rows = Math.Min(CovarianceRows, n - first);
            var centred = new double[rows * d];
            for (var r = 0; r < rows; r++)
            {
                for (var t = 0; t < d; t++)
                {
                    centred[r * d + t] = data[(first + r) * d + t] - mean[t];
                }
            }

            var partial = new double[d * d];
            Gemm.Multiply(true, false, d, d, rows, 1.0, centred, d, centred, d, 0.0, partial, d, maxThreads: 1);
            partials[b] = partial;
        });
        var covariance = partials[0];
        for (var b = 1; b < blocks; b++)
        {
            for (var e = 0; e < covariance.Length; e++)
            {
                covariance[e] += partials[b][e];
            }
        }

        for (var e = 0; e < covariance.Length; e++)
        {
            covariance[e] /= n - 1;
        }

        return covariance;
    }

    private static double[] SubspaceIteration(double[] covariance, int d, int components, ulong seed)
    {
        var width = Math.Min(d, components + Oversampling);
        var generator = new Generator(seed);
        var q = new double[d * width];
        for (var e = 0; e < q.Length; e++)
        {
            q[e] = generator.NextNormal();
        }

        Orthonormalize(q, d, width);
        var next = new double[d * width];
        for (var it = 0; it < Iterations; it++)
        {
            Gemm.Multiply(false, false, d, width, d, 1.0, covariance, d, q, width, 0.0, next, width, maxThreads: 1);
            (q, next) = (next, q);
            Orthonormalize(q, d, width);
        }

        // Rayleigh–Ritz: the eigenvectors of QᵀCQ rotate Q onto the best approximations of C's eigenvectors.
        Gemm.Multiply(false, false, d, width, d, 1.0, covariance, d, q, width, 0.0, next, width, maxThreads: 1);
        var small = new double[width * width];
        Gemm.Multiply(true, false, width, width, d, 1.0, q, width, next, width, 0.0, small, width, maxThreads: 1);
        for (var r = 0; r < width; r++)
        {
            for (var c = r + 1; c < width; c++)
            {
                var avg = (small[r * width + c] + small[c * width + r]) / 2;
                small[r * width + c] = avg;
                small[c * width + r] = avg;
            }
        }

        var (_, rotation) = SymmetricEigen.Decompose(small, width);
        var basis = new double[d * width];
        Gemm.Multiply(false, false, d, width, width, 1.0, q, width, rotation, width, 0.0, basis, width, maxThreads: 1);
        var result = TakeColumns(basis, d, width, components);
        for (var c = 0; c < components; c++)
        {
            var sign = SymmetricEigen.SignOfLargest(result, components, c);
            for (var r = 0; r < d; r++)
            {
                result[r * components + c] *= sign;
            }
        }

        return result;
    }

    // Modified Gram–Schmidt, twice ("twice is enough"), on the columns of a row-major d×w matrix.
    private static void Orthonormalize(double[] q, int d, int w)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var c = 0; c < w; c++)
            {
                for (var prev = 0; prev < c; prev++)
                {
                    double dot = 0;
                    for (var r = 0; r < d; r++)
                    {
                        dot += q[r * w + c] * q[r * w + prev];
                    }

                    for (var r = 0; r < d; r++)
                    {
                        q[r * w + c] -= dot * q[r * w + prev];
                    }
                }

                double norm = 0;
                for (var r = 0; r < d; r++)
                {
                    norm += q[r * w + c] * q[r * w + c];
                }

                norm = Math.Sqrt(norm);
                var scale = norm > 0 ? 1 / norm : 0;
                for (var r = 0; r < d; r++)
                {
                    q[r * w + c] *= scale;
                }
            }
        }
    }

    private static double[] TakeColumns(double[] matrix, int rows, int columns, int take)
    {
        var result = new double[rows * take];
        for (var r = 0; r < rows; r++)
        {
            Array.Copy(matrix, r * columns, result, r * take, take);
        }

        return result;
    }
}
