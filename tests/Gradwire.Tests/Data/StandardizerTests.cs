using Gradwire.Data;

namespace Gradwire.Tests.Data;

public sealed class StandardizerTests
{
    [Fact]
    public void Training_features_get_zero_mean_and_unit_population_std()
    {
        // Feature 0: [1, 2, 3, 4] → μ 2.5, σ = sqrt(1.25); feature 1 constant 7 → centred only.
        var train = Dataset.Classification("t", [1, 7, 2, 7, 3, 7, 4, 7], [2], [0, 1, 0, 1], 2);
        var s = Standardizer.Fit(train);
        Assert.Equal([2.5f, 7f], s.Mean);
        Assert.Equal((float)Math.Sqrt(1.25), s.Scale[0]);
        Assert.Equal(1f, s.Scale[1]);
        var scaled = s.Apply(train);
        Assert.Equal(-1.5f / (float)Math.Sqrt(1.25), scaled.GetFeatures(0)[0], 1e-6f);
        Assert.Equal(0f, scaled.GetFeatures(3)[1]);
        Assert.Equal(train.Labels.ToArray(), scaled.Labels.ToArray());
    }

    [Fact]
    public void Test_data_is_scaled_with_the_training_statistics()
    {
        var train = Dataset.Regression("t", [0, 10], [1], [1, 2], [1]);
        var test = Dataset.Regression("u", [20], [1], [3], [1]);
        var scaled = Standardizer.Fit(train).Apply(test);
        Assert.Equal(3f, scaled.GetFeatures(0)[0]); // (20 − 5) / 5
        Assert.Equal([3f], scaled.Targets.ToArray());
        Assert.Equal([20f], test.Features.ToArray()); // the original is untouched
    }

    [Fact]
    public void A_different_sample_size_is_refused()
    {
        var s = Standardizer.Fit(Dataset.Regression("t", [0, 1], [2], [1], [1]));
        Assert.Contains("2 features", Assert.Throws<ArgumentException>(() => s.Apply(Dataset.Regression("u", [1], [1], [1], [1]))).Message);
    }
}
