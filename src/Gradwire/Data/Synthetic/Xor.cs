namespace Gradwire.Data.Synthetic;

/// <summary>XOR, the classic problem a single linear unit cannot solve: label = x₁ XOR x₂.</summary>
public static class Xor
{
    /// <summary>The four points (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0; classes "0" and "1".</summary>
    /// <remarks>For an MSE network with a linear output (the bench's 2-8-1 net) use <c>Xor.Points().ToRegression([0f, 1f])</c>.</remarks>
    public static Dataset Points() =>
        Dataset.Classification("xor", [0, 0, 0, 1, 1, 0, 1, 1], [2], [0, 1, 1, 0], 2, ["0", "1"]);

    /// <summary>
    /// A noisy XOR: <paramref name="pointsPerCorner"/> points around each of the four corners, each coordinate
    /// <c>corner + noise · N(0, 1)</c> (NumPy-compatible normals from <see cref="MersenneTwister"/>, x then y per
    /// point), labelled with the corner's XOR. Samples are corner-major in the order of <see cref="Points"/>.
    /// </summary>
    public static Dataset Cloud(int pointsPerCorner = 50, double noise = 0.15, int seed = 0)
    {
        NumPyRecipes.CheckPositive(pointsPerCorner, nameof(pointsPerCorner));
        NumPyRecipes.CheckNoise(noise);
        var rng = new MersenneTwister(unchecked((uint)seed));
        ReadOnlySpan<double> corners = [0, 0, 0, 1, 1, 0, 1, 1];
        ReadOnlySpan<int> cornerLabels = [0, 1, 1, 0];
        int count = 4 * pointsPerCorner;
        var features = new float[2 * count];
        var labels = new int[count];
        for (int c = 0; c < 4; c++)
        {
            for (int i = 0; i < pointsPerCorner; i++)
            {
                int row = c * pointsPerCorner + i;
                features[2 * row] = (float)(corners[2 * c] + noise * rng.NextGaussian());
                features[2 * row + 1] = (float)(corners[2 * c + 1] + noise * rng.NextGaussian());
                labels[row] = cornerLabels[c];
            }
        }

        return Dataset.Classification("xor-cloud", features, [2], labels, 2, ["0", "1"]);
    }
}
