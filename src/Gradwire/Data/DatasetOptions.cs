namespace Gradwire.Data;

/// <summary>Options for <see cref="DatasetRegistry.Load"/>.</summary>
public sealed record DatasetOptions
{
    /// <summary>
    /// Directory of the IDX files for "fashion-mnist" (null: <see cref="FashionMnist.DefaultDirectory"/>) and
    /// "mnist" (required there). The tool's <c>--data-dir</c>.
    /// </summary>
    public string? DataDir { get; init; }

    /// <summary>Seed of the generated sets and of the held-out split.</summary>
    public int Seed { get; init; }

    /// <summary>Fraction of a generated or CSV set held out as the test set (stratified for classes).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>
    /// Sample-shape choice for image sets: <c>[1, 28, 28]</c> (false, the default: images keep [C, H, W], batches are
    /// <c>[N, 1, 28, 28]</c>) or <c>[784]</c> (true). <see cref="Dataset.Flattened"/> turns one into the other without a copy.
    /// </summary>
    public bool FlattenImages { get; init; }

    /// <summary>How "csv:PATH" is read (target column, classes or regression, class order, separator).</summary>
    public CsvOptions Csv { get; init; } = new();
}
