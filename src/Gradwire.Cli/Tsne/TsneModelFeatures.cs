using Gradwire.Cli.Infrastructure;
using Gradwire.Manifold;
using Gradwire.Training;

namespace Gradwire.Cli.Tsne;

/// <summary>
/// <c>--features model:FILE</c>: replaces the points' features by the checkpoint's penultimate-layer activations
/// (<see cref="NetworkFeatures.Penultimate"/>), keeping their labels and class names.
/// </summary>
internal static class TsneModelFeatures
{
    public static TsnePoints Apply(TsnePoints points, IReadOnlyList<int> sampleShape, string path, string dataName)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path)
                ? $"tsne: --features model:{CliText.Quote(path, 200)} is a directory, not a checkpoint file."
                : $"tsne: --features model:{CliText.Quote(path, 200)}: checkpoint does not exist (write one with gradwire train --save FILE).");
        }

        var loaded = Checkpoint.LoadModel(path);
        var expected = loaded.Info.InputShape;
        if (!SameShape(expected, sampleShape))
        {
            throw new UsageException(
                $"tsne: --features model:{CliText.Quote(path, 200)} takes samples of shape [{string.Join(", ", expected)}] (trained on {loaded.Info.Dataset ?? "unrecorded data"}), "
                + $"but {dataName} has samples of shape [{string.Join(", ", sampleShape)}]; pass the --data the model was trained on.");
        }

        var raw = new float[points.Features.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            // The points were read from float32 datasets, so this is exact.
            raw[i] = (float)points.Features[i];
        }

        try
        {
            var (features, width) = NetworkFeatures.Penultimate(loaded, raw, points.Count);
            return points with { Features = features, Dimensions = width };
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"tsne: --features model:{CliText.Quote(path, 200)}: {e.Message}");
        }
    }

    private static bool SameShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i]) return false;
        }

        return true;
    }
}
