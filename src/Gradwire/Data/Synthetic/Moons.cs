namespace Gradwire.Data.Synthetic;

/// <summary>
/// Two interleaving half circles in 2-D, the recipe of scikit-learn's <c>make_moons</c>: ⌊n/2⌋ points on the
/// upper moon (cos t, sin t) labelled 0 and the rest on the lower moon (1 − cos t, 1/2 − sin t) labelled 1, t evenly
/// spaced over [0, π]; the points are shuffled, then Gaussian noise of standard deviation <c>noise</c> is added
/// to every coordinate.
/// </summary>
public static class Moons
{
    /// <summary>Generates <paramref name="samples"/> points.</summary>
    /// <param name="samples">How many points (≥ 0).</param>
    /// <param name="noise">Standard deviation of the Gaussian noise added to each coordinate (≥ 0).</param>
    /// <param name="random">The only source of randomness (shuffle and noise), so a seeded one repeats exactly.</param>
    /// <param name="shuffle">Shuffle the points (as scikit-learn does by default); otherwise upper moon first.</param>
    /// <returns>Features row-major, <c>samples × 2</c> (x of point i at 2i, y at 2i + 1), and labels 0 or 1.</returns>
    public static (double[] Features, int[] Labels) Generate(int samples, double noise, Random random, bool shuffle = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentNullException.ThrowIfNull(random);
        if (!(noise >= 0) || !double.IsFinite(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "moons: the noise must be a finite number ≥ 0.");
        }

        var outer = samples / 2;
        var inner = samples - outer;
        var features = new double[2 * samples];
        var labels = new int[samples];
        for (var i = 0; i < outer; i++)
        {
            var t = Spaced(i, outer);
            features[2 * i] = Math.Cos(t);
            features[2 * i + 1] = Math.Sin(t);
        }

        for (var i = 0; i < inner; i++)
        {
            var t = Spaced(i, inner);
            var row = outer + i;
            features[2 * row] = 1 - Math.Cos(t);
            features[2 * row + 1] = 1 - Math.Sin(t) - 0.5;
            labels[row] = 1;
        }

        if (shuffle)
        {
            // Fisher–Yates, rows kept together.
            for (var i = samples - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (features[2 * i], features[2 * j]) = (features[2 * j], features[2 * i]);
                (features[2 * i + 1], features[2 * j + 1]) = (features[2 * j + 1], features[2 * i + 1]);
                (labels[i], labels[j]) = (labels[j], labels[i]);
            }
        }

        if (noise > 0)
        {
            for (var k = 0; k < features.Length; k++)
            {
                features[k] += noise * StandardNormal(random);
            }
        }

        return (features, labels);
    }

    /// <summary>numpy's <c>linspace(0, π, count)[i]</c>.</summary>
    private static double Spaced(int i, int count) => count == 1 ? 0.0 : Math.PI * i / (count - 1);

    /// <summary>One N(0, 1) draw by the Box–Muller transform.</summary>
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble(); // in (0, 1], so the logarithm is finite
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
