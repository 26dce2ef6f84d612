namespace Gradwire.Cli.Demos;

/// <summary>Small numeric helpers the demos share when they compare two ways of computing a gradient.</summary>
internal static class DemoMath
{
    /// <summary>The largest |u[i] − v[i]|: how far two gradients disagree.</summary>
    public static double MaxAbsDiff(IReadOnlyList<double> u, IReadOnlyList<double> v)
    {
        var worst = 0.0;
        for (var i = 0; i < u.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(u[i] - v[i]));
        }

        return worst;
    }
}
