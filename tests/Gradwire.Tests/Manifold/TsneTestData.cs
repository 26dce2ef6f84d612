using Gradwire.Tensors;

namespace Gradwire.Tests.Manifold;

/// <summary>Small seeded inputs for the t-SNE tests.</summary>
internal static class TsneTestData
{
    public static double[] Normal(int count, ulong seed, double scale = 1)
    {
        var generator = new Generator(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = scale * generator.NextNormal();
        }

        return values;
    }

    /// <summary>Three Gaussian blobs (σ = 1) in <paramref name="d"/> dimensions with centres 10 apart; labels 0, 1, 2.</summary>
    public static (double[] X, int[] Labels) Blobs(int perBlob, int d, ulong seed)
    {
        var generator = new Generator(seed);
        var n = 3 * perBlob;
        var x = new double[n * d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            for (var t = 0; t < d; t++)
            {
                var centre = t == labels[i] ? 10.0 : 0.0;
                x[i * d + t] = centre + generator.NextNormal();
            }
        }

        return (x, labels);
    }
}
