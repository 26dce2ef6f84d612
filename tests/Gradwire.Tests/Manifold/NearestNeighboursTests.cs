using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>The blocked GEMM neighbour search against its naive twin.</summary>
public sealed class NearestNeighboursTests
{
    [Theory]
    [InlineData(2, 1, 1)]
    [InlineData(65, 3, 7)]
    [InlineData(300, 17, 31)]
    [InlineData(129, 50, 128)]
    public void The_blocked_search_finds_the_naive_neighbours(int n, int d, int k)
    {
        var x = TsneTestData.Normal(n * d, (ulong)(n + d));
        var (fastIdx, fastDist) = NearestNeighbours.Find(x, n, d, k, threads: 2);
        var (naiveIdx, naiveDist) = NearestNeighbours.Naive(x, n, d, k);
        Assert.Equal(naiveIdx, fastIdx);
        for (var e = 0; e < fastDist.Length; e++)
        {
            Assert.Equal(naiveDist[e], fastDist[e], 1e-12);
        }
    }

    [Fact]
    public void Ties_go_to_the_smaller_index()
    {
        // Points on a line at 0, 1, −1, 2: point 0's two nearest are 1 and 2 (both at distance 1), in index order.
        double[] x = [0, 1, -1, 2];
        var (idx, _) = NearestNeighbours.Find(x, 4, 1, 2, threads: 1);
        Assert.Equal([1, 2], idx[..2]);
    }
}
