namespace Gradwire.Data;

/// <summary>
/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test grayscale 28×28 images of 10 kinds of clothing,
/// in MNIST's IDX format. Pixels are scaled to [0, 1]; samples have shape <c>[784]</c> (or <c>[1, 28, 28]</c>).
/// </summary>
/// <remarks>
/// Nothing is downloaded. On Debian, <c>apt-get install dataset-fashion-mnist</c> puts the four <c>.gz</c> files
/// in <see cref="DefaultDirectory"/>; elsewhere pass the directory that holds them.
/// </remarks>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The ten class names, index = label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>How to get the data, as printed when it is missing.</summary>
    public static string HowToGetIt =>
        $"Install it with `apt-get install dataset-fashion-mnist` (which puts the four files in {DefaultDirectory}/), " +
        "or pass --data-dir DIR (dataDir) naming a directory with train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, " +
        "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (raw files without .gz work too).";

    /// <summary>Whether the four files are in <paramref name="dataDir"/> (default: <see cref="DefaultDirectory"/>).</summary>
    public static bool IsAvailable(string? dataDir = null) => MnistFiles.AllPresent(dataDir ?? DefaultDirectory);

    /// <summary>Loads the training set (60,000) and the test set (10,000).</summary>
    /// <param name="dataDir">Directory with the four IDX files; null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="flatten">Samples of shape <c>[1, 28, 28]</c> (false, the default: [C, H, W]) or <c>[784]</c> (true).</param>
    /// <exception cref="FileNotFoundException">A file is missing (the message says how to get the data).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory is missing (the message says how to get the data).</exception>
    /// <exception cref="InvalidDataException">A file is corrupt.</exception>
    public static DatasetSplit Load(string? dataDir = null, bool flatten = false) =>
        MnistFiles.Load(dataDir ?? DefaultDirectory, "fashion-mnist", ClassNames, HowToGetIt, flatten);
}
