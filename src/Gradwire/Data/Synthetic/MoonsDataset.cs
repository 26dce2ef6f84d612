namespace Gradwire.Data.Synthetic;

/// <summary>
/// The two-moons set as a <see cref="Dataset"/>: two interleaving half circles (class 0 "upper", class 1
/// "lower"), made by <see cref="Moons.Generate"/> — scikit-learn's <c>make_moons</c> recipe.
/// </summary>
/// <remarks>
/// <see cref="Moons"/> draws its shuffle and its Box–Muller noise from a <see cref="Random"/>; here that is
/// <c>new Random(seed)</c>, whose seeded sequence is the same on every machine and .NET version. The geometry is
/// scikit-learn's; the random numbers are not NumPy's (unlike <see cref="Spiral"/> and <see cref="Circles"/>), so
/// the points differ from Python's <c>make_moons(random_state=seed)</c>.
/// </remarks>
public static class MoonsDataset
{
    /// <summary>Generates the moons set: samples of shape <c>[2]</c>, classes "upper" = 0 and "lower" = 1.</summary>
    /// <param name="samples">Total number of points (≥ 2); ⌊n/2⌋ on the upper moon.</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (0: none).</param>
    /// <param name="seed">Seed of the <see cref="Random"/> that shuffles and draws the noise.</param>
    /// <param name="shuffle">Whether to shuffle the rows (scikit-learn's default: true).</param>
    public static Dataset Create(int samples = 200, double noise = 0.1, int seed = 0, bool shuffle = true)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "make_moons needs at least 2 samples.");
        var (features, labels) = Moons.Generate(samples, noise, new Random(seed), shuffle);
        return Dataset.Classification("moons", NumPyRecipes.ToSingles(features), [2], labels, 2, ["upper", "lower"]);
    }
}
