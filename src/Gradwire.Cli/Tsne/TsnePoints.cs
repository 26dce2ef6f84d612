using Gradwire.Data;

namespace Gradwire.Cli.Tsne;

/// <summary>
/// The points <c>gradwire tsne</c> embeds: a dataset's test set first, then its training set (one set when both
/// are the same), cut to the first N; features as float64, labels (−1 for regression targets) and class names.
/// </summary>
internal sealed record TsnePoints(double[] Features, int Count, int Dimensions, int[] Labels, IReadOnlyList<string> ClassNames)
{
    public const int DefaultCount = 10000;

    public static TsnePoints Load(DatasetSplit split, int? count, string dataName)
    {
        var sets = ReferenceEquals(split.Train, split.Test) ? new[] { split.Test } : new[] { split.Test, split.Train };
        var available = 0;
        foreach (var set in sets)
        {
            available += set.Count;
        }

        var n = count ?? Math.Min(DefaultCount, available);
        if (n > available)
        {
            throw new Infrastructure.UsageException($"tsne: --n {n} is more than the {available} points of {dataName} (test and training sets together).");
        }

        var d = split.Test.SampleSize;
        var features = new double[n * d];
        var labels = new int[n];
        var classification = split.Test.TargetKind == TargetKind.ClassLabels;
        var filled = 0;
        foreach (var set in sets)
        {
            var take = Math.Min(set.Count, n - filled);
            var source = set.Features;
            for (var e = 0; e < take * d; e++)
            {
                features[filled * d + e] = source[e];
            }

            for (var i = 0; i < take; i++)
            {
                labels[filled + i] = classification ? set.Labels[i] : -1;
            }

            filled += take;
        }

        var classes = classification ? Math.Max(split.Test.ClassCount, split.Train.ClassCount) : 0;
        var names = new string[classes];
        for (var c = 0; c < classes; c++)
        {
            names[c] = split.Test.ClassNames is { } given && c < given.Count ? given[c] : $"class {c}";
        }

        return new TsnePoints(features, n, d, labels, names);
    }
}
