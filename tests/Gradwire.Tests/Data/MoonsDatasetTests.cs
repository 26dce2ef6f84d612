using Gradwire.Data.Synthetic;

namespace Gradwire.Tests.Data;

// MoonsDataset wraps the circuits engineer's Moons generator (tested in MoonsTests); these tests check the wrapping.
public sealed class MoonsDatasetTests
{
    [Fact]
    public void Moons_dataset_holds_the_generators_points_as_float32_with_labels_and_names()
    {
        var moons = MoonsDataset.Create(samples: 200, noise: 0.1, seed: 3);
        var (features, labels) = Moons.Generate(200, 0.1, new Random(3));
        Assert.Equal(200, moons.Count);
        Assert.Equal([2], moons.SampleShape);
        Assert.Equal(["upper", "lower"], moons.ClassNames!);
        Assert.Equal([100, 100], moons.ClassCounts());
        Assert.Equal(labels, moons.Labels.ToArray());
        Assert.Equal(features.Select(v => (float)v), moons.Features.ToArray());
        Assert.True(moons.Features.SequenceEqual(MoonsDataset.Create(samples: 200, noise: 0.1, seed: 3).Features));
        Assert.False(moons.Features.SequenceEqual(MoonsDataset.Create(samples: 200, noise: 0.1, seed: 4).Features));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoonsDataset.Create(samples: 1));
    }

    [Fact]
    public void Noiseless_moons_lie_on_their_half_circles_in_generation_order()
    {
        var moons = MoonsDataset.Create(samples: 9, noise: 0, shuffle: false);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 1], moons.Labels.ToArray());
        for (int i = 0; i < moons.Count; i++)
        {
            var p = moons.GetFeatures(i);
            double cx = moons.GetLabel(i) == 0 ? 0 : 1, cy = moons.GetLabel(i) == 0 ? 0 : 0.5;
            Assert.Equal(1.0, Math.Sqrt((p[0] - cx) * (p[0] - cx) + (p[1] - cy) * (p[1] - cy)), 1e-6);
            Assert.True(moons.GetLabel(i) == 0 ? p[1] >= -1e-6 : p[1] <= 0.5 + 1e-6);
        }
    }
}
