using Gradwire.Manifold;

namespace Gradwire.Tests.Manifold;

/// <summary>Trustworthiness as scikit-learn computes it.</summary>
public sealed class TrustworthinessTests
{
    [Theory]
    [InlineData(3, "trust_k3")]
    [InlineData(5, "trust_k5")]
    public void It_matches_scikit_learn(int k, string key)
    {
        var t = Trustworthiness.Compute(TsneGoldenFile.Numbers("trust_x"), 6, TsneGoldenFile.Numbers("trust_y"), 2, k);
        Assert.Equal(TsneGoldenFile.Number(key), t, 1e-12);
    }

    [Fact]
    public void An_embedding_that_is_the_data_is_perfectly_trustworthy()
    {
        var x = TsneTestData.Normal(60, 45);
        Assert.Equal(1, Trustworthiness.Compute(x, 2, x, 2, 5), 1e-15);
    }

    [Fact]
    public void K_must_be_below_half_the_points()
    {
        var x = TsneTestData.Normal(20, 46);
        Assert.Contains("k must be in [1, N/2)", Assert.Throws<ArgumentException>(() => Trustworthiness.Compute(x, 2, x, 2, 5)).Message);
    }
}
