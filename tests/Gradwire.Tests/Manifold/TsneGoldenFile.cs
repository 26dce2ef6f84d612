using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Gradwire.Tests.Manifold;

/// <summary>
/// The t-SNE goldens from scikit-learn 1.2: <c>goldens/tsne_goldens.json</c>, written by
/// <c>goldens/make_goldens.py</c> (rerun it with Debian's python3-sklearn to regenerate).
/// </summary>
internal static class TsneGoldenFile
{
    private static readonly Lazy<JsonElement> Document = new(Load);

    public static double Number(string name) => Document.Value.GetProperty(name).GetDouble();

    public static double[] Numbers(string name) => [.. Document.Value.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    private static JsonElement Load()
    {
        var path = PathOf();
        var root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        var version = root.GetProperty("version").GetInt32();
        if (version != 1)
        {
            throw new InvalidDataException($"{path}: golden file version {version}; these tests read version 1.");
        }

        return root;
    }

    private static string PathOf([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "tsne_goldens.json");
}
