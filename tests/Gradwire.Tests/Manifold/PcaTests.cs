using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>Jacobi eigen-decomposition and PCA against direct references.</summary>
public sealed class PcaTests
{
    [Fact]
    public void Jacobi_reconstructs_a_symmetric_matrix_from_orthonormal_eigenvectors()
    {
        const int n = 9;
        var b = TsneTestData.Normal(n * n, 41);
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i * n + j] = b[i * n + j] + b[j * n + i];
            }
        }

        var (values, v) = SymmetricEigen.Decompose(a, n);
        for (var c = 1; c < n; c++)
        {
            Assert.True(values[c - 1] >= values[c]);
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double rebuilt = 0, gram = 0;
                for (var c = 0; c < n; c++)
                {
                    rebuilt += v[i * n + c] * values[c] * v[j * n + c];
                    gram += v[c * n + i] * v[c * n + j];
                }

                Assert.Equal(a[i * n + j], rebuilt, 1e-10);
                Assert.Equal(i == j ? 1 : 0, gram, 1e-12);
            }
        }
    }

    [Fact]
    public void Subspace_iteration_finds_the_covariance_eigenvectors_jacobi_finds()
    {
        // 90 columns (above the direct limit) with a decaying spectrum: column t has scale 0.9^t, then mixed.
        const int n = 400, d = 90, k = 6;
        var x = TsneTestData.Normal(n * d, 42);
        var mix = TsneTestData.Normal(d * d, 43);
        var data = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < d; c++)
            {
                double s = 0;
                for (var t = 0; t < d; t++)
                {
                    s += x[i * d + t] * Math.Pow(0.8, t) * mix[t * d + c];
                }

                data[i * d + c] = s;
            }
        }

        var (mean, basis) = Pca.Fit(data, n, d, k, seed: 1, threads: 2);
        var covariance = Pca.Covariance(data, n, d, mean, threads: 1);
        var (_, vectors) = SymmetricEigen.Decompose(covariance, d);
        for (var c = 0; c < k; c++)
        {
            for (var r = 0; r < d; r++)
            {
                Assert.Equal(vectors[r * d + c], basis[r * k + c], 1e-7);
            }
        }
    }

    [Fact]
    public void The_projection_is_centred_and_its_variances_descend()
    {
        const int n = 120, d = 5;
        var (x, _) = TsneTestData.Blobs(40, d, 44);
        var z = Pca.FitTransform(x, n, d, 3);
        var variances = new double[3];
        for (var c = 0; c < 3; c++)
        {
            double mean = 0;
            for (var i = 0; i < n; i++)
            {
                mean += z[i * 3 + c];
                variances[c] += z[i * 3 + c] * z[i * 3 + c];
            }

            Assert.Equal(0, mean / n, 1e-10);
        }

        Assert.True(variances[0] >= variances[1] && variances[1] >= variances[2]);
    }

    [Fact]
    public void Bad_input_names_the_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => Pca.Fit(new double[6], 3, 2, 3));
        Assert.Contains("components must be in [1, 2]", e.Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => Pca.Fit([1, double.NaN, 2, 3], 2, 2, 1)).Message);
    }
}
