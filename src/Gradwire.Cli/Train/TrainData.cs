using System.Globalization;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data;

namespace Gradwire.Cli.Train;

/// <summary>
/// The data of <c>gradwire train</c>: a built-in set, or a CSV read with <c>--target</c>, <c>--task</c>,
/// <c>--no-header</c>, <c>--separator</c>, <c>--skip-rows</c> and <c>--test</c>, the task inferred from the target
/// column when <c>--task</c> is not given.
/// </summary>
internal sealed record TrainData(DatasetSplit Split, bool IsCsv, IReadOnlyList<string>? FeatureNames, string? TargetName)
{
    private const string CsvPrefix = "csv:";

    /// <summary>Loads what <paramref name="o"/> names; <paramref name="warn"/> receives notes for stderr.</summary>
    public static TrainData Load(TrainOptions o, Action<string> warn)
    {
        var isCsv = o.Data.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase);
        if (!isCsv)
        {
            foreach (var (given, name) in new[]
                     {
                         (o.Target is not null, "--target"), (o.Task is not null, "--task"), (o.NoHeader, "--no-header"),
                         (o.Separator is not null, "--separator"), (o.SkipRows != 0, "--skip-rows"), (o.Test is not null, "--test"),
                     })
            {
                if (given)
                {
                    throw new UsageException($"train: {name} is for CSV data (--data csv:PATH); {CliText.Quote(o.Data, 200)} is a built-in dataset with its own columns and test set.");
                }
            }

            return new TrainData(DatasetRegistry.Load(o.Data, new DatasetOptions { DataDir = o.DataDir, Seed = o.Seed }), false, null, null);
        }

        if (o.SkipRows < 0)
        {
            throw new UsageException($"train: --skip-rows must be ≥ 0, got {o.SkipRows}.");
        }

        var path = o.Data[CsvPrefix.Length..];
        var csv = new CsvOptions { HasHeader = !o.NoHeader, SkipRows = o.SkipRows, Separator = ParseSeparator(o.Separator, "train") };
        if (o.Target is not null)
        {
            csv = int.TryParse(o.Target, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index) && !HasColumn(path, csv, o.Target)
                ? csv with { TargetIndex = index }
                : csv with { TargetColumn = o.Target };
        }

        TargetKind? task = o.Task?.ToLowerInvariant() switch
        {
            null => null,
            "classification" or "classes" => TargetKind.ClassLabels,
            "regression" => TargetKind.Regression,
            _ => throw new UsageException($"train: --task {CliText.Quote(o.Task, 40)} is unknown. Known: classification, regression."),
        };

        var columns = File.Exists(path) ? CsvDataset.Columns(path, csv) : null;
        var options = new DatasetOptions { DataDir = o.DataDir, Seed = o.Seed, Csv = csv with { Target = task ?? TargetKind.ClassLabels } };
        Dataset? whole = null;
        if (task is null)
        {
            whole = LoadWhole(path, options.Csv);
            if (LooksContinuous(whole, out var example))
            {
                warn($"train: the target column of {CliText.Quote(path, 200)} holds non-integer numbers (e.g. {CliText.Quote(example, 40)}): training a regression; " +
                     "give --task classification to read them as class labels.");
                options = options with { Csv = options.Csv with { Target = TargetKind.Regression } };
                whole = null;
            }
        }

        var target = columns is null ? null : TargetIndex(columns, csv);
        var features = columns is null || target is null ? null : columns.Where((_, i) => i != target).ToList();
        var targetName = columns is null || target is null ? null : columns[target.Value];
        if (o.Test is null)
        {
            return new TrainData(whole is null ? DatasetRegistry.Load(o.Data, options) : Hold(whole, options), true, features, targetName);
        }

        if (!o.Test.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase) || o.Test.Length == CsvPrefix.Length)
        {
            throw new UsageException($"train: --test takes csv:PATH (a file with the training file's columns), not {CliText.Quote(o.Test, 200)}.");
        }

        var testPath = o.Test[CsvPrefix.Length..];
        var train = whole ?? LoadWhole(path, options.Csv);
        var test = LoadWhole(testPath, options.Csv);
        if (test.SampleSize != train.SampleSize)
        {
            throw new UsageException($"train: --test {CliText.Quote(testPath, 200)} has {test.SampleSize} features per row, the training file {train.SampleSize}.");
        }

        return new TrainData(new DatasetSplit(train, train.TargetKind == TargetKind.ClassLabels ? Relabel(train, test, testPath) : test), true, features, targetName);
    }

    private static Dataset LoadWhole(string path, CsvOptions csv)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }

        return CsvDataset.Load(path, csv);
    }

    private static DatasetSplit Hold(Dataset whole, DatasetOptions options)
    {
        var (train, test) = DataSplits.TrainValidationIndices(
            whole, options.TestFraction, unchecked(options.Seed + 1), stratified: whole.TargetKind == TargetKind.ClassLabels);
        return new DatasetSplit(whole.Subset(train, $"{whole.Name}/train"), whole.Subset(test, $"{whole.Name}/test"));
    }

    /// <summary>A target column of numbers that are not all whole is a measurement: regression.</summary>
    private static bool LooksContinuous(Dataset data, out string example)
    {
        example = "";
        if (data.ClassNames is not { } names)
        {
            return false;
        }

        var anyFraction = false;
        foreach (var name in names)
        {
            if (!double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                return false; // a name: class labels
            }

            if (!anyFraction && v != Math.Floor(v))
            {
                (anyFraction, example) = (true, name);
            }
        }

        return anyFraction;
    }

    /// <summary>The test set's labels renumbered by the training set's class names (a test file may lack some classes).</summary>
    private static Dataset Relabel(Dataset train, Dataset test, string testPath)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < train.ClassCount; i++)
        {
            index[train.ClassNames![i]] = i;
        }

        var labels = new int[test.Count];
        var source = test.Labels;
        for (var i = 0; i < labels.Length; i++)
        {
            var name = test.ClassNames![source[i]];
            if (!index.TryGetValue(name, out labels[i]))
            {
                throw new UsageException($"train: --test {CliText.Quote(testPath, 200)} has class {CliText.Quote(name, 40)}, which the training file never has.");
            }
        }

        return Dataset.Classification(test.Name, test.Features.ToArray(), test.SampleShape.ToArray(), labels, train.ClassCount, train.ClassNames);
    }

    private static bool HasColumn(string path, CsvOptions csv, string name) =>
        File.Exists(path) && CsvDataset.Columns(path, csv).Contains(name, StringComparer.Ordinal);

    private static int? TargetIndex(IReadOnlyList<string> columns, CsvOptions csv)
    {
        if (csv.TargetColumn is not null)
        {
            var i = columns.ToList().IndexOf(csv.TargetColumn);
            return i < 0 ? null : i;
        }

        var index = csv.TargetIndex ?? -1;
        var t = index < 0 ? columns.Count + index : index;
        return t >= 0 && t < columns.Count ? t : null;
    }

    /// <summary>A <c>--separator</c> value: one character, or comma, semicolon, tab, space.</summary>
    public static char ParseSeparator(string? text, string command) => text?.ToLowerInvariant() switch
    {
        null or "comma" or "," => ',',
        "semicolon" or ";" => ';',
        "tab" or "\\t" or "\t" => '\t',
        "space" or "whitespace" or " " => ' ',
        { Length: 1 } one when one[0] is not ('"' or '\r' or '\n') => one[0],
        _ => throw new UsageException($"{command}: --separator {CliText.Quote(text, 20)} is not a separator: give one character, or comma, semicolon, tab, space."),
    };
}
