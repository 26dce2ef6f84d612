using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>t-SNE end to end on small data: clusters separate, seeds reproduce, bad input is named.</summary>
public sealed class TsneTests
{
    private static double LabelAgreement(double[] y, int[] labels, int k)
    {
        var n = labels.Length;
        var (idx, _) = NearestNeighbours.Naive(y, n, 2, k);
        var agree = 0;
        for (var e = 0; e < idx.Length; e++)
        {
            agree += labels[idx[e]] == labels[e / k] ? 1 : 0;
        }

        return (double)agree / idx.Length;
    }

    [Theory]
    [InlineData(TsneMethod.BarnesHut)]
    [InlineData(TsneMethod.Exact)]
    public void Three_gaussian_blobs_separate(TsneMethod method)
    {
        var (x, labels) = TsneTestData.Blobs(50, 6, 51);
        var result = Tsne.Fit(x, 150, 6, new TsneOptions { Method = method, Perplexity = 15, Iterations = 500, Seed = 3 });
        Assert.InRange(Trustworthiness.Compute(x, 6, result.Embedding, 2, 5), 0.9, 1);
        Assert.InRange(LabelAgreement(result.Embedding, labels, 5), 0.99, 1);
        Assert.InRange(result.KlDivergence, 0, 2);
        Assert.Equal(500, result.Iterations);
        Assert.Equal(50, result.LearningRate);
    }

    [Theory]
    [InlineData(TsneMethod.BarnesHut, TsneInit.Pca)]
    [InlineData(TsneMethod.BarnesHut, TsneInit.Random)]
    [InlineData(TsneMethod.Exact, TsneInit.Random)]
    public void The_same_seed_gives_the_same_layout_on_one_and_two_threads(TsneMethod method, TsneInit init)
    {
        var (x, _) = TsneTestData.Blobs(70, 8, 52);
        TsneOptions Options(int threads) => new() { Method = method, Init = init, Iterations = 300, Seed = 9, Threads = threads, PcaComponents = 5 };
        var one = Tsne.Fit(x, 210, 8, Options(1));
        var two = Tsne.Fit(x, 210, 8, Options(2));
        Assert.Equal(one.Embedding, two.Embedding);
        Assert.Equal(one.KlDivergence, two.KlDivergence);
    }

    [Fact]
    public void A_different_seed_gives_a_different_random_start()
    {
        var (x, _) = TsneTestData.Blobs(20, 3, 53);
        var a = Tsne.Fit(x, 60, 3, new TsneOptions { Init = TsneInit.Random, Perplexity = 5, Iterations = 50, Seed = 1 });
        var b = Tsne.Fit(x, 60, 3, new TsneOptions { Init = TsneInit.Random, Perplexity = 5, Iterations = 50, Seed = 2 });
        Assert.NotEqual(a.Embedding, b.Embedding);
    }

    [Fact]
    public void Bad_input_gives_clear_errors()
    {
        var nan = Assert.Throws<ArgumentException>(() => Tsne.Fit([1, 2, double.NaN, 4, 5, 6], 3, 2, new TsneOptions { Perplexity = 1 }));
        Assert.Contains("non-finite value (NaN) at row 1, column 0", nan.Message);
        Assert.Contains("at least 2 points", Assert.Throws<ArgumentException>(() => Tsne.Fit([1.0, 2.0], 1, 2)).Message);
        var perplexity = Assert.Throws<ArgumentException>(() => Tsne.Fit(new double[20], 10, 2));
        Assert.Contains("perplexity must be in (0, N) = (0, 10), not 30", perplexity.Message);
        Assert.Contains("N×D", Assert.Throws<ArgumentException>(() => Tsne.Fit(new double[7], 3, 2)).Message);
        Assert.Contains("Theta", Assert.Throws<ArgumentException>(() => Tsne.Fit(new double[20], 10, 2, new TsneOptions { Perplexity = 3, Theta = -1 })).Message);
    }
}
