using Gradwire.Data.Synthetic;

namespace Gradwire.Data;

/// <summary>
/// Resolves a dataset name — what <c>gradwire train --data NAME</c> takes — to a training set and a test set in
/// one call.
/// </summary>
/// <remarks>
/// Generated sets are made with <see cref="DatasetOptions.Seed"/> and split into train and test by a stratified
/// <see cref="DataSplits.TrainValidation"/> holding out <see cref="DatasetOptions.TestFraction"/>, seeded with
/// <c>Seed + 1</c> (a stream apart from the generator's). Sets too small to split (xor, and, 7seg, 7seg-binary,
/// guide-svm, guide-table) are their own test set: they are about fitting, not generalizing. Fashion-MNIST and
/// MNIST come with their own test sets. "csv:PATH" reads <see cref="DatasetOptions.Csv"/>.
/// </remarks>
public static class DatasetRegistry
{
    private const string CsvPrefix = "csv:";

    /// <summary>The names <see cref="Load"/> accepts, with a line each.</summary>
    public static IReadOnlyList<DatasetInfo> BuiltIn { get; } =
    [
        new("spiral", "CS231n spiral, 3 classes × 100 points in 2-D (noise 0.2); 20% held out"),
        new("moons", "scikit-learn make_moons, 200 points in 2-D (noise 0.1); 20% held out"),
        new("circles", "scikit-learn make_circles, 200 points in 2-D (noise 0.1, factor 0.5); 20% held out"),
        new("xor", "the 4 XOR points (train = test)"),
        new("xor-cloud", "noisy XOR, 50 points around each corner (noise 0.15); 20% held out"),
        new("and", "the 4 AND points (train = test)"),
        new("7seg", "the 10 digits as 7-segment inputs → the digit (train = test)"),
        new("7seg-binary", "the 10 digits as 7-segment inputs → their 4-bit code, regression (train = test)"),
        new("guide-svm", "the 6 points of the guide's SVM code, labels ±1 as classes 0/1 (train = test)"),
        new("guide-table", "the 6 points of the guide's chapter-2 table, labels ±1 as classes 0/1 (train = test)"),
        new("fashion-mnist", $"Fashion-MNIST, 60000 train / 10000 test 28×28 images (--data-dir, default {FashionMnist.DefaultDirectory})"),
        new("mnist", "MNIST digits, 60000 train / 10000 test 28×28 images from the four IDX files in --data-dir"),
        new("csv:PATH", "a CSV file with a header; the last (or named) column is the target; 20% held out"),
    ];

    /// <summary>Loads the dataset called <paramref name="name"/> (case-insensitive; "csv:" takes a path).</summary>
    /// <exception cref="ArgumentException">The name is unknown (the message lists the known names), or mnist lacks a directory.</exception>
    /// <exception cref="FileNotFoundException">A data file is missing (the message says how to get it).</exception>
    /// <exception cref="InvalidDataException">A data file is malformed.</exception>
    public static DatasetSplit Load(string name, DatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        options ??= new DatasetOptions();
        if (name.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string path = name[CsvPrefix.Length..];
            if (path.Length == 0) throw new ArgumentException("'csv:' needs a path, e.g. csv:data/iris.csv.", nameof(name));
            if (!File.Exists(path)) throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
            return HoldOut(CsvDataset.Load(path, options.Csv), options);
        }

        return name.ToLowerInvariant() switch
        {
            "spiral" => HoldOut(Spiral.Create(seed: options.Seed), options),
            "moons" => HoldOut(MoonsDataset.Create(seed: options.Seed), options),
            "circles" => HoldOut(Circles.Create(seed: options.Seed), options),
            "xor" => Itself(Xor.Points()),
            "xor-cloud" => HoldOut(Xor.Cloud(seed: options.Seed), options),
            "and" => Itself(And.Points()),
            "7seg" => Itself(SevenSegment.Digits()),
            "7seg-binary" => Itself(SevenSegment.BinaryCode()),
            "guide-svm" => Itself(GuideData.SvmCode()),
            "guide-table" => Itself(GuideData.ProseTable()),
            "fashion-mnist" => FashionMnist.Load(options.DataDir, options.FlattenImages),
            "mnist" => Mnist.Load(
                options.DataDir ?? throw new ArgumentException($"mnist needs a data directory. {Mnist.HowToGetIt}", nameof(options)),
                options.FlattenImages),
            _ => throw new ArgumentException(
                $"Unknown dataset '{name}'. Known: {string.Join(", ", BuiltIn.Select(d => d.Name))}.", nameof(name)),
        };
    }

    private static DatasetSplit Itself(Dataset dataset) => new(dataset, dataset);

    private static DatasetSplit HoldOut(Dataset dataset, DatasetOptions options)
    {
        var (train, test) = DataSplits.TrainValidationIndices(
            dataset, options.TestFraction, unchecked(options.Seed + 1), stratified: dataset.TargetKind == TargetKind.ClassLabels);
        return new DatasetSplit(dataset.Subset(train, $"{dataset.Name}/train"), dataset.Subset(test, $"{dataset.Name}/test"));
    }
}
