using Gradwire.Data.Synthetic;

namespace Gradwire.Tests.Data;

public sealed class MoonsTests
{
    [Fact]
    public void Without_noise_every_point_lies_on_its_moon()
    {
        var (features, labels) = Moons.Generate(101, noise: 0, new Random(5));

        Assert.Equal(202, features.Length);
        Assert.Equal(50, labels.Count(l => l == 0)); // floor(101 / 2) on the upper moon
        Assert.Equal(51, labels.Count(l => l == 1));
        for (var i = 0; i < labels.Length; i++)
        {
            var (x, y) = (features[2 * i], features[2 * i + 1]);
            var (cx, cy) = labels[i] == 0 ? (0.0, 0.0) : (1.0, 0.5);
            Assert.Equal(1.0, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)), 12);
            Assert.True(labels[i] == 0 ? y >= -1e-12 : y <= 0.5 + 1e-12);
        }
    }

    [Fact]
    public void Unshuffled_moons_follow_the_linspace_recipe()
    {
        var (features, labels) = Moons.Generate(4, noise: 0, new Random(1), shuffle: false);

        Assert.Equal(new[] { 0, 0, 1, 1 }, labels);
        Assert.Equal(new[] { 1.0, 0.0, -1.0, 0.0, 0.0, 0.5, 2.0, 0.5 }, features.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Same_seed_gives_the_same_points_and_noise_moves_them()
    {
        var a = Moons.Generate(100, 0.1, new Random(3));
        var b = Moons.Generate(100, 0.1, new Random(3));
        var c = Moons.Generate(100, 0.1, new Random(4));

        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Features, c.Features);
    }

    [Fact]
    public void Noise_has_roughly_the_requested_spread()
    {
        var (clean, cleanLabels) = Moons.Generate(4000, 0, new Random(9));
        var (noisy, noisyLabels) = Moons.Generate(4000, 0.1, new Random(9));

        Assert.Equal(cleanLabels, noisyLabels); // the shuffle draws come first, so they match
        var sum = 0.0;
        for (var k = 0; k < clean.Length; k++)
        {
            sum += (noisy[k] - clean[k]) * (noisy[k] - clean[k]);
        }

        Assert.InRange(Math.Sqrt(sum / clean.Length), 0.095, 0.105);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(-1, 0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(10, -0.1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Moons.Generate(10, double.NaN, new Random(1)));
        Assert.Empty(Moons.Generate(0, 0.1, new Random(1)).Labels);
    }
}
