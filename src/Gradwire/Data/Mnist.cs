namespace Gradwire.Data;

/// <summary>
/// MNIST handwritten digits: 60,000 training and 10,000 test grayscale 28×28 images, labels 0–9, from the four
/// standard IDX files in a directory you give. Pixels are scaled to [0, 1].
/// </summary>
/// <remarks>Nothing is downloaded: the directory must already hold the files (raw or <c>.gz</c>).</remarks>
public static class Mnist
{
    /// <summary>The ten class names: "0" … "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>How to get the data, as printed when it is missing.</summary>
    public static string HowToGetIt =>
        "Nothing can be downloaded at run time: pass --data-dir DIR (dataDir) naming a directory that holds the four standard " +
        "MNIST files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte " +
        "(each raw or .gz).";

    /// <summary>Whether the four files are in <paramref name="dataDir"/>.</summary>
    public static bool IsAvailable(string dataDir) => MnistFiles.AllPresent(dataDir);

    /// <summary>Loads the training set and the test set from <paramref name="dataDir"/>.</summary>
    /// <param name="dataDir">Directory with the four IDX files.</param>
    /// <param name="flatten">Samples of shape <c>[1, 28, 28]</c> (false, the default: [C, H, W]) or <c>[784]</c> (true).</param>
    /// <exception cref="FileNotFoundException">A file is missing (the message says what to pass).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt.</exception>
    public static DatasetSplit Load(string dataDir, bool flatten = false) =>
        MnistFiles.Load(dataDir, "mnist", ClassNames, HowToGetIt, flatten);
}
