namespace Gradwire.Data.Synthetic;

/// <summary>
/// Two interleaving half circles, scikit-learn's <c>make_moons</c>: class 0 on the upper unit half circle, class 1
/// on a lower half circle shifted to (1, 0.5), plus Gaussian noise.
/// </summary>
/// <remarks>
/// The recipe of <c>sklearn.datasets.make_moons(n_samples, shuffle, noise, random_state)</c>: <c>n_out = n // 2</c>
/// points <c>(cos θ, sin θ)</c> and <c>n_in = n − n_out</c> points <c>(1 − cos θ, 1 − sin θ − 0.5)</c>, θ from
/// <c>np.linspace(0, π, ·)</c>; rows shuffled (one <c>RandomState.shuffle</c>), then
/// <c>X += normal(scale=noise, size=X.shape)</c>. With the NumPy-compatible <see cref="MersenneTwister"/> the
/// points equal scikit-learn's for <c>random_state=seed</c>.
/// </remarks>
public static class MoonsDataset
{
    /// <summary>Generates the moons set (samples of shape <c>[2]</c>, classes "upper" = 0 and "lower" = 1).</summary>
    /// <param name="samples">Total number of points (≥ 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (0: none).</param>
    /// <param name="seed">Seed, as scikit-learn's <c>random_state</c>.</param>
    /// <param name="shuffle">Whether to shuffle the rows (scikit-learn's default: true).</param>
    public static Dataset Create(int samples = 200, double noise = 0.1, int seed = 0, bool shuffle = true)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "make_moons needs at least 2 samples.");
        NumPyRecipes.CheckNoise(noise);
        var rng = new MersenneTwister(unchecked((uint)seed));
        int outer = samples / 2, inner = samples - outer;
        double[] angleOut = NumPyRecipes.Linspace(0, Math.PI, outer);
        double[] angleIn = NumPyRecipes.Linspace(0, Math.PI, inner);
        var x = new double[2 * samples];
        var labels = new int[samples];
        for (int i = 0; i < outer; i++)
        {
            x[2 * i] = Math.Cos(angleOut[i]);
            x[2 * i + 1] = Math.Sin(angleOut[i]);
        }

        for (int i = 0; i < inner; i++)
        {
            x[2 * (outer + i)] = 1 - Math.Cos(angleIn[i]);
            x[2 * (outer + i) + 1] = 1 - Math.Sin(angleIn[i]) - 0.5;
            labels[outer + i] = 1;
        }

        if (shuffle) (x, labels) = NumPyRecipes.ShuffleRows(x, labels, 2, rng);
        if (noise > 0) NumPyRecipes.AddGaussianNoise(x, noise, rng);
        return Dataset.Classification("moons", NumPyRecipes.ToSingles(x), [2], labels, 2, ["upper", "lower"]);
    }
}
