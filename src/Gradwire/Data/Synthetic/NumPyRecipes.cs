namespace Gradwire.Data.Synthetic;

/// <summary>The few NumPy building blocks the published recipes use, computed the way NumPy computes them.</summary>
internal static class NumPyRecipes
{
    /// <summary>
    /// <c>np.linspace(start, stop, num, endpoint)</c>: <c>y[i] = i · step + start</c> with
    /// <c>step = (stop − start) / (endpoint ? num − 1 : num)</c>, and with <c>endpoint</c> the last value set to
    /// <c>stop</c> exactly.
    /// </summary>
    public static double[] Linspace(double start, double stop, int num, bool endpoint = true)
    {
        var y = new double[num];
        int div = endpoint ? num - 1 : num;
        if (div <= 0)
        {
            if (num == 1) y[0] = start;
            return y;
        }

        double step = (stop - start) / div;
        for (int i = 0; i < num; i++) y[i] = i * step + start;
        if (endpoint && num > 1) y[num - 1] = stop;
        return y;
    }

    /// <summary>scikit-learn's <c>utils.shuffle(X, y, random_state)</c>: one <c>RandomState.shuffle</c> of <c>arange(n)</c>.</summary>
    public static (double[] X, int[] Labels) ShuffleRows(double[] x, int[] labels, int width, MersenneTwister rng)
    {
        int[] order = rng.Permutation(labels.Length);
        var xOut = new double[x.Length];
        var labelsOut = new int[labels.Length];
        for (int i = 0; i < order.Length; i++)
        {
            Array.Copy(x, order[i] * width, xOut, i * width, width);
            labelsOut[i] = labels[order[i]];
        }

        return (xOut, labelsOut);
    }

    /// <summary><c>X += rng.normal(scale=noise, size=X.shape)</c>, row-major, as NumPy's legacy <c>normal</c> draws it.</summary>
    public static void AddGaussianNoise(double[] x, double noise, MersenneTwister rng)
    {
        for (int i = 0; i < x.Length; i++) x[i] += 0.0 + noise * rng.NextGaussian();
    }

    public static float[] ToSingles(double[] values)
    {
        var result = new float[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (float)values[i];
        return result;
    }

    public static void CheckPositive(int value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 1.");
    }

    public static void CheckNoise(double noise)
    {
        if (!(noise >= 0) || double.IsInfinity(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "The noise standard deviation must be finite and ≥ 0.");
    }
}
