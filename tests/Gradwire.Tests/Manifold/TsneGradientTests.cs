using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>The KL gradient: finite differences, scikit-learn, and Barnes-Hut against exact.</summary>
public sealed class TsneGradientTests
{
    private static double Kl(double[] p, double[] y, int n, double exaggeration) =>
        TsneGradient.Exact(p, y, n, exaggeration, new double[2 * n], new double[3 * n], threads: 1);

    [Fact]
    public void The_exact_gradient_matches_central_finite_differences_of_the_kl()
    {
        // Without exaggeration: with it the step uses 4 Σ (αp − q) w (y_i − y_j), scikit-learn's, not a true gradient.
        const double exaggeration = 1;
        const int n = 12, d = 3;
        var p = TsneAffinities.Dense(TsneTestData.Normal(n * d, 11), n, d, 4, threads: 1);
        var y = TsneTestData.Normal(2 * n, 12);
        var grad = new double[2 * n];
        TsneGradient.Exact(p, y, n, exaggeration, grad, new double[3 * n], threads: 1);
        const double h = 1e-6;
        for (var t = 0; t < 2 * n; t++)
        {
            var saved = y[t];
            y[t] = saved + h;
            var plus = Kl(p, y, n, exaggeration);
            y[t] = saved - h;
            var minus = Kl(p, y, n, exaggeration);
            y[t] = saved;
            Assert.Equal((plus - minus) / (2 * h), grad[t], 1e-7);
        }
    }

    [Fact]
    public void The_exact_kl_and_gradient_match_scikit_learn()
    {
        var n = (int)TsneGoldenFile.Number("n");
        var p = TsneGoldenFile.Numbers("p");
        var y = TsneGoldenFile.Numbers("y");
        var grad = new double[2 * n];
        var kl = TsneGradient.Exact(p, y, n, 1, grad, new double[3 * n], threads: 1);
        // scikit-learn floors P and Q at machine epsilon inside its KL; the difference is below 1e-12 here.
        Assert.Equal(TsneGoldenFile.Number("kl"), kl, 1e-10);
        var expected = TsneGoldenFile.Numbers("grad");
        for (var t = 0; t < grad.Length; t++)
        {
            Assert.Equal(expected[t], grad[t], 1e-10);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(12.0)]
    public void Barnes_hut_with_theta_zero_equals_the_exact_gradient_and_kl(double exaggeration)
    {
        const int n = 40, d = 4;
        // Perplexity 13 gives k = min(n − 1, 40) = 39: every pair is a neighbour, so the sparse P is the dense one.
        var sparse = TsneAffinities.Sparse(TsneTestData.Normal(n * d, 21), n, d, 13, threads: 2);
        var dense = sparse.ToDense();
        var y = TsneTestData.Normal(2 * n, 22, scale: 3);
        var exact = new double[2 * n];
        var bh = new double[2 * n];
        var klExact = TsneGradient.Exact(dense, y, n, exaggeration, exact, new double[3 * n], threads: 2);
        var klBh = TsneGradient.BarnesHut(sparse, y, exaggeration, 0, new QuadTree(), bh, new double[7 * n], threads: 2);
        Assert.Equal(klExact, klBh, 1e-12);
        for (var t = 0; t < 2 * n; t++)
        {
            Assert.Equal(exact[t], bh[t], 1e-12);
        }
    }

    [Fact]
    public void Barnes_hut_with_theta_half_stays_close_to_exact()
    {
        const int n = 400, d = 4;
        var sparse = TsneAffinities.Sparse(TsneTestData.Normal(n * d, 31), n, d, 10, threads: 2);
        var y = TsneTestData.Normal(2 * n, 32, scale: 5);
        var exact = new double[2 * n];
        var approx = new double[2 * n];
        TsneGradient.BarnesHut(sparse, y, 1, 0, new QuadTree(), exact, new double[7 * n], threads: 2);
        TsneGradient.BarnesHut(sparse, y, 1, 0.5, new QuadTree(), approx, new double[7 * n], threads: 2);
        double err = 0, norm = 0;
        for (var t = 0; t < 2 * n; t++)
        {
            err += (exact[t] - approx[t]) * (exact[t] - approx[t]);
            norm += exact[t] * exact[t];
        }

        Assert.InRange(Math.Sqrt(err / norm), 0, 0.05);
    }

    [Fact]
    public void The_quadtree_skips_only_the_point_itself_when_points_coincide()
    {
        // Five copies of one point and two of another: Σ_{j≠i} w_ij counts the copies (w = 1), not the point itself.
        double[] y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, -1];
        const int n = 8;
        var tree = new QuadTree();
        tree.Build(y, n);
        for (var i = 0; i < n; i++)
        {
            var sum = tree.Repulsion(i, y[2 * i], y[2 * i + 1], 0, out var fx, out var fy);
            double expected = 0, ex = 0, ey = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    var dx = y[2 * i] - y[2 * j];
                    var dy = y[2 * i + 1] - y[2 * j + 1];
                    var w = 1 / (1 + dx * dx + dy * dy);
                    expected += w;
                    ex += w * w * dx;
                    ey += w * w * dy;
                }
            }

            Assert.Equal(expected, sum, 1e-14);
            Assert.Equal(ex, fx, 1e-14);
            Assert.Equal(ey, fy, 1e-14);
        }
    }
}
