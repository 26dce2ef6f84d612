namespace Gradwire.Tensors;

/// <summary>A source of uniform doubles in [0, 1), for <see cref="PolarNormal"/>.</summary>
internal interface IUniformSource
{
    /// <summary>The next uniform double in [0, 1).</summary>
    double NextDouble();
}

/// <summary>
/// Marsaglia's polar method, shared by every generator: draw <c>u, v</c> uniform in (−1, 1) until
/// <c>0 &lt; s = u² + v² &lt; 1</c>, then <c>f = √(−2 ln s / s)</c>; <c>(u·f, v·f)</c> are two independent
/// standard normals. Each generator decides which one it returns first (NumPy's order differs from ours).
/// </summary>
internal static class PolarNormal
{
    /// <summary>Two independent N(0, 1) samples drawn from <paramref name="source"/>.</summary>
    public static (double U, double V) Pair<TSource>(TSource source)
        where TSource : IUniformSource
    {
        double u, v, s;
        do
        {
            u = 2.0 * source.NextDouble() - 1.0;
            v = 2.0 * source.NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        var f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        return (u * f, v * f);
    }
}
