using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Gradwire.Tests.NN;

/// <summary>
/// The optimizer and training-trajectory goldens from PyTorch 1.13: <c>goldens/optim_goldens.json</c>, written by
/// <c>goldens/make_goldens.py</c> (rerun it with Debian's python3-torch to regenerate).
/// </summary>
internal static class OptimGoldenFile
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    /// <summary>The numbers under <paramref name="path"/> (property names from the root).</summary>
    public static double[] Numbers(params string[] path)
    {
        var e = Root;
        foreach (var name in path)
        {
            e = e.GetProperty(name);
        }

        return [.. e.EnumerateArray().Select(v => v.GetDouble())];
    }

    private static JsonDocument Load() => Load(PathOf());

    private static JsonDocument Load(string path)
    {
        var document = JsonDocument.Parse(File.ReadAllText(path));
        var version = document.RootElement.GetProperty("version").GetInt32();
        if (version != 1)
        {
            throw new InvalidDataException($"{path}: golden file version {version}; these tests read version 1.");
        }

        return document;
    }

    private static string PathOf([CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "goldens", "optim_goldens.json");
}
