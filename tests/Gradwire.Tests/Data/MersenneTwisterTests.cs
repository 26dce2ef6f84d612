using Gradwire.Data;

namespace Gradwire.Tests.Data;

// Golden values from NumPy 1.24.2 (Debian python3-numpy): np.random.RandomState(seed) and its legacy methods.
public sealed class MersenneTwisterTests
{
    [Fact]
    public void Seed_5489_gives_the_reference_MT19937_outputs()
    {
        // RandomState(5489).randint(0, 2**32, size=3, dtype=np.uint64); 3499211612 is MT19937's published first output.
        var rng = new MersenneTwister(5489);
        Assert.Equal(3499211612u, rng.NextUInt32());
        Assert.Equal(581869302u, rng.NextUInt32());
        Assert.Equal(3890346734u, rng.NextUInt32());
    }

    [Fact]
    public void Uniforms_normals_and_permutations_match_numpy_RandomState()
    {
        // rs = RandomState(7); rs.random_sample(), rs.randn(), rs.randn(), rs.permutation(10)
        var rng = new MersenneTwister(7);
        Assert.Equal(0.07630828937395717, rng.NextDouble());
        Assert.Equal(-0.3206032549443759, rng.NextGaussian(), 15);
        Assert.Equal(1.4570832287334776, rng.NextGaussian(), 15); // the cached second value of the polar pair
        Assert.Equal([8, 5, 3, 2, 6, 0, 1, 4, 9, 7], rng.Permutation(10));
    }

    [Fact]
    public void Array_seeding_matches_numpy_init_by_array()
    {
        // RandomState([7, 3]).permutation(10)
        Assert.Equal([7, 4, 1, 6, 8, 3, 5, 2, 9, 0], new MersenneTwister([7u, 3u]).Permutation(10));
    }

    [Fact]
    public void Interval_draws_stay_within_bounds_and_reach_both_ends()
    {
        var rng = new MersenneTwister(1);
        var seen = new bool[6];
        for (int i = 0; i < 600; i++)
        {
            uint v = rng.NextInterval(5);
            Assert.InRange(v, 0u, 5u);
            seen[v] = true;
        }

        Assert.All(seen, Assert.True);
        Assert.Equal(0u, rng.NextInterval(0));
    }

    [Fact]
    public void An_empty_key_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new MersenneTwister(ReadOnlySpan<uint>.Empty));
    }
}
