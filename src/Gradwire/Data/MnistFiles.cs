namespace Gradwire.Data;

/// <summary>
/// The four files of an MNIST-style dataset in one directory (<c>train-images-idx3-ubyte</c>,
/// <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each raw or
/// <c>.gz</c>; the variant with a dot before <c>idx</c> is accepted too), and the message that says how to get them.
/// </summary>
internal static class MnistFiles
{
    public static readonly string[] Stems =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public static DatasetSplit Load(
        string dataDir, string datasetName, IReadOnlyList<string> classNames, string howToGetIt, bool flatten)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDir);
        if (File.Exists(dataDir) && !Directory.Exists(dataDir))
            throw new GradwireException(
                $"{datasetName}: '{dataDir}' is a file, not a directory; give the directory that holds the four IDX files. {howToGetIt}");
        if (!Directory.Exists(dataDir))
            throw new DirectoryNotFoundException(
                $"{datasetName} not found: directory '{dataDir}' does not exist. {howToGetIt}");
        var paths = new string[Stems.Length];
        for (int i = 0; i < Stems.Length; i++)
        {
            paths[i] = Find(dataDir, Stems[i]) ?? throw new FileNotFoundException(
                $"{datasetName} not found: '{Path.Combine(dataDir, Stems[i])}.gz' (or '{Stems[i]}' uncompressed) " +
                $"does not exist in '{dataDir}'. {howToGetIt}",
                Path.Combine(dataDir, Stems[i] + ".gz"));
        }

        var train = IdxFile.ReadDataset(paths[0], paths[1], $"{datasetName}/train", classNames.Count, classNames, flatten);
        var test = IdxFile.ReadDataset(paths[2], paths[3], $"{datasetName}/test", classNames.Count, classNames, flatten);
        return new DatasetSplit(train, test);
    }

    public static bool AllPresent(string dataDir)
    {
        if (!Directory.Exists(dataDir)) return false;
        foreach (string stem in Stems)
        {
            if (Find(dataDir, stem) is null) return false;
        }

        return true;
    }

    private static string? Find(string dataDir, string stem)
    {
        string dotted = stem.Replace("-idx", ".idx", StringComparison.Ordinal);
        foreach (string candidate in (ReadOnlySpan<string>)[stem + ".gz", stem, dotted + ".gz", dotted])
        {
            string path = Path.Combine(dataDir, candidate);
            // A folder (or a device) under the expected name is the reader's to reject with a precise message,
            // not a reason to say "does not exist".
            if (File.Exists(path) || Directory.Exists(path)) return path;
        }

        return null;
    }
}
