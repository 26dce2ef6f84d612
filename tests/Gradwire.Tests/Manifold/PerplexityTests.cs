using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>The conditional P: rows sum to 1 and reach the asked perplexity; the joint P matches scikit-learn.</summary>
public sealed class PerplexityTests
{
    [Theory]
    [InlineData(5.0)]
    [InlineData(12.5)]
    [InlineData(30.0)]
    public void Every_dense_row_sums_to_one_and_reaches_the_perplexity(double perplexity)
    {
        const int n = 60, d = 5;
        var x = TsneTestData.Normal(n * d, 3);
        var conditional = TsneAffinities.DenseConditional(x, n, d, perplexity, threads: 2);
        for (var i = 0; i < n; i++)
        {
            var row = conditional.AsSpan(i * n, n);
            double sum = 0;
            foreach (var v in row)
            {
                sum += v;
            }

            Assert.Equal(0, row[i]);
            Assert.Equal(1, sum, 1e-12);
            Assert.Equal(Math.Log(perplexity), Perplexity.Entropy(row), 1e-4);
        }
    }

    [Fact]
    public void Every_sparse_row_sums_to_one_and_reaches_the_perplexity()
    {
        const int n = 200, d = 3;
        const double perplexity = 10;
        var x = TsneTestData.Normal(n * d, 4);
        var (neighbours, conditional, k) = TsneAffinities.SparseConditional(x, n, d, perplexity, threads: 2);
        Assert.Equal(31, k);
        for (var i = 0; i < n; i++)
        {
            var row = conditional.AsSpan(i * k, k);
            double sum = 0;
            foreach (var v in row)
            {
                sum += v;
            }

            Assert.Equal(1, sum, 1e-12);
            Assert.Equal(Math.Log(perplexity), Perplexity.Entropy(row), 1e-4);
            Assert.DoesNotContain(i, neighbours.AsSpan(i * k, k).ToArray());
        }
    }

    [Fact]
    public void The_joint_p_matches_scikit_learn()
    {
        var n = (int)TsneGoldenFile.Number("n");
        var d = (int)TsneGoldenFile.Number("d");
        var p = TsneAffinities.Dense(TsneGoldenFile.Numbers("x"), n, d, TsneGoldenFile.Number("perplexity"), threads: 1);
        var expected = TsneGoldenFile.Numbers("p");
        for (var e = 0; e < p.Length; e++)
        {
            // scikit-learn runs the bisection on float32 distances and floors P at machine epsilon: agreement is to
            // float32 precision, not float64.
            Assert.Equal(expected[e], p[e], 1e-6 * expected[e] + 1e-15);
        }
    }

    [Fact]
    public void The_symmetrized_sparse_p_is_symmetric_and_sums_to_one()
    {
        const int n = 150, d = 4;
        var x = TsneTestData.Normal(n * d, 5);
        var p = TsneAffinities.Sparse(x, n, d, 8, threads: 2);
        var dense = p.ToDense();
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(0, dense[i * n + i]);
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(dense[i * n + j], dense[j * n + i], 1e-18);
                total += dense[i * n + j];
            }
        }

        Assert.Equal(1, total, 1e-12);
    }
}
