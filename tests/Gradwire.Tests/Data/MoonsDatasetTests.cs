using Gradwire.Data.Synthetic;

namespace Gradwire.Tests.Data;

// Golden points from scikit-learn 1.2.1 (Debian python3-sklearn): make_moons(n_samples=200, noise=0.1, random_state=3).
public sealed class MoonsDatasetTests
{
    [Fact]
    public void Moons_equal_scikit_learn_make_moons()
    {
        var moons = MoonsDataset.Create(samples: 200, noise: 0.1, seed: 3);
        (int Index, double X, double Y, int Label)[] golden =
        [
            (0, 0.22909910739415978, 0.9975457488880816, 0),
            (1, -0.12291539518348951, 0.8244563141188987, 0),
            (77, 0.7932824364136265, 0.6981247503068351, 0),
            (199, -0.17171584002432014, 0.24202457383072612, 1),
        ];
        foreach (var (index, x, y, label) in golden)
        {
            Assert.Equal(x, moons.GetFeatures(index)[0], 1e-6);
            Assert.Equal(y, moons.GetFeatures(index)[1], 1e-6);
            Assert.Equal(label, moons.GetLabel(index));
        }

        Assert.Equal([0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0], moons.Labels[..12].ToArray());
        double sum = 0;
        foreach (float v in moons.Features) sum += v;
        Assert.Equal(150.94199949810832, sum, 1e-4);
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
