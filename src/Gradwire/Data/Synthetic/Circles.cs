namespace Gradwire.Data.Synthetic;

/// <summary>
/// Two concentric circles, scikit-learn's <c>make_circles</c>: class 0 on the unit circle, class 1 on a circle of
/// radius <c>factor</c>, plus Gaussian noise.
/// </summary>
/// <remarks>
/// The recipe of <c>sklearn.datasets.make_circles(n_samples, shuffle, noise, random_state, factor)</c>:
/// <c>n_out = n // 2</c> points at angles <c>np.linspace(0, 2π, n_out, endpoint=False)</c> on the outer circle,
/// <c>n_in = n − n_out</c> on the inner one; rows shuffled (one <c>RandomState.shuffle</c>), then
/// <c>X += normal(scale=noise, size=X.shape)</c>. With the NumPy-compatible <see cref="MersenneTwister"/> the
/// points equal scikit-learn's for <c>random_state=seed</c>.
/// </remarks>
public static class Circles
{
    /// <summary>Generates the circles set (samples of shape <c>[2]</c>, classes "outer" = 0 and "inner" = 1).</summary>
    /// <param name="samples">Total number of points (≥ 2).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (0: none).</param>
    /// <param name="factor">Inner radius over outer radius, in [0, 1).</param>
    /// <param name="seed">Seed, as scikit-learn's <c>random_state</c>.</param>
    /// <param name="shuffle">Whether to shuffle the rows (scikit-learn's default: true).</param>
    public static Dataset Create(int samples = 200, double noise = 0.1, double factor = 0.5, int seed = 0, bool shuffle = true)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "make_circles needs at least 2 samples.");
        NumPyRecipes.CheckNoise(noise);
        if (!(factor >= 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor (inner/outer radius) must lie in [0, 1).");
        var rng = new MersenneTwister(unchecked((uint)seed));
        int outer = samples / 2, inner = samples - outer;
        double[] angleOut = NumPyRecipes.Linspace(0, 2 * Math.PI, outer, endpoint: false);
        double[] angleIn = NumPyRecipes.Linspace(0, 2 * Math.PI, inner, endpoint: false);
        var x = new double[2 * samples];
        var labels = new int[samples];
        for (int i = 0; i < outer; i++)
        {
            x[2 * i] = Math.Cos(angleOut[i]);
            x[2 * i + 1] = Math.Sin(angleOut[i]);
        }

        for (int i = 0; i < inner; i++)
        {
            x[2 * (outer + i)] = Math.Cos(angleIn[i]) * factor;
            x[2 * (outer + i) + 1] = Math.Sin(angleIn[i]) * factor;
            labels[outer + i] = 1;
        }

        if (shuffle) (x, labels) = NumPyRecipes.ShuffleRows(x, labels, 2, rng);
        if (noise > 0) NumPyRecipes.AddGaussianNoise(x, noise, rng);
        return Dataset.Classification("circles", NumPyRecipes.ToSingles(x), [2], labels, 2, ["outer", "inner"]);
    }
}
