namespace Gradwire.Cli.Demos;

/// <summary>The 6-point dataset of the guide's chapter 2 SVM code (two features, labels ±1).</summary>
internal static class GuideData
{
    /// <summary>The points, as the guide pushes them.</summary>
    public static readonly double[][] Points =
    [
        [1.2, 0.7],
        [-0.3, -0.5],
        [3.0, 0.1],
        [-0.1, -1.0],
        [-1.0, 1.1],
        [2.1, -3],
    ];

    /// <summary>The labels, +1 or −1.</summary>
    public static readonly int[] Labels = [1, -1, 1, -1, -1, 1];

    /// <summary>The guide's <c>Math.floor(Math.random() * data.length)</c>, from a seeded generator.</summary>
    public static int PickIndex(Random random) => (int)(random.NextDouble() * Points.Length);

    /// <summary>The fraction of points whose sign of <paramref name="score"/> matches the label.</summary>
    public static double Accuracy(Func<double, double, double> score)
    {
        var correct = 0;
        for (var i = 0; i < Points.Length; i++)
        {
            var predicted = score(Points[i][0], Points[i][1]) > 0 ? 1 : -1;
            if (predicted == Labels[i])
            {
                correct++;
            }
        }

        return (double)correct / Points.Length;
    }
}
