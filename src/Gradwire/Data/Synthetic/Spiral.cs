namespace Gradwire.Data.Synthetic;

/// <summary>
/// The CS231n spiral: K interleaved arms of points in 2-D, one class per arm, not linearly separable.
/// </summary>
/// <remarks>
/// The exact recipe of the CS231n notes ("Putting it together: minimal neural network case study"):
/// <code>
/// for j in range(K):
///   r = np.linspace(0.0, 1, N)                                      # radius
///   t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2       # theta
///   X[N*j:N*(j+1)] = np.c_[r*np.sin(t), r*np.cos(t)]; y[...] = j
/// </code>
/// with the random numbers of <see cref="MersenneTwister"/> seeded like <c>np.random.seed(seed)</c>, so the
/// points equal NumPy's (computed in double, stored as float32). Samples are class-major: arm 0, then arm 1, ...
/// </remarks>
public static class Spiral
{
    /// <summary>Generates the spiral set (N·K samples of shape <c>[2]</c>, K classes named "0" … "K-1").</summary>
    /// <param name="pointsPerClass">N, points per arm (CS231n: 100).</param>
    /// <param name="classes">K, the number of arms (CS231n: 3).</param>
    /// <param name="seed">Seed, as in <c>np.random.seed(seed)</c>.</param>
    /// <param name="noise">Standard deviation of the angle noise (CS231n: 0.2).</param>
    public static Dataset Create(int pointsPerClass = 100, int classes = 3, int seed = 0, double noise = 0.2)
    {
        NumPyRecipes.CheckPositive(pointsPerClass, nameof(pointsPerClass));
        NumPyRecipes.CheckPositive(classes, nameof(classes));
        NumPyRecipes.CheckNoise(noise);
        var rng = new MersenneTwister(unchecked((uint)seed));
        int n = pointsPerClass;
        var features = new float[2 * n * classes];
        var labels = new int[n * classes];
        double[] r = NumPyRecipes.Linspace(0.0, 1.0, n);
        for (int j = 0; j < classes; j++)
        {
            double[] t = NumPyRecipes.Linspace(j * 4, (j + 1) * 4, n);
            for (int i = 0; i < n; i++) t[i] += rng.NextGaussian() * noise;
            for (int i = 0; i < n; i++)
            {
                int row = n * j + i;
                features[2 * row] = (float)(r[i] * Math.Sin(t[i]));
                features[2 * row + 1] = (float)(r[i] * Math.Cos(t[i]));
                labels[row] = j;
            }
        }

        var names = new string[classes];
        for (int j = 0; j < classes; j++) names[j] = j.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Dataset.Classification("spiral", features, [2], labels, classes, names);
    }
}
