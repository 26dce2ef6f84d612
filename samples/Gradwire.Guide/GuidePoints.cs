using Gradwire.Data.Synthetic;

namespace Gradwire.Guide;

/// <summary>
/// The chapter 2 SVM data as the guide's code uses it (the library's <see cref="GuideData.SvmCodePoints"/>, in
/// double precision), with the guide's two helpers: pick a random point, and count the points classified right.
/// </summary>
public static class GuidePoints
{
    /// <summary>The 6 points the guide's SVM code trains on.</summary>
    public static IReadOnlyList<GuidePoint> Points => GuideData.SvmCodePoints;

    /// <summary>The guide's <c>Math.floor(Math.random() * data.length)</c>, from a seeded generator.</summary>
    public static int PickIndex(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return (int)(random.NextDouble() * Points.Count);
    }

    /// <summary>The fraction of points whose sign of <paramref name="score"/>(x, y) matches the label.</summary>
    public static double Accuracy(Func<double, double, double> score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var correct = 0;
        foreach (var p in Points)
        {
            var predicted = score(p.X, p.Y) > 0 ? 1 : -1;
            if (predicted == p.Label)
            {
                correct++;
            }
        }

        return (double)correct / Points.Count;
    }
}
