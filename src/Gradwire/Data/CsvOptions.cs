namespace Gradwire.Data;

/// <summary>How <see cref="CsvDataset.Load(string, CsvOptions?)"/> reads a CSV file.</summary>
public sealed record CsvOptions
{
    /// <summary>Name of the target column (as written in the header); null means the last column.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>Class labels (the default) or numeric regression targets.</summary>
    public TargetKind Target { get; init; } = TargetKind.ClassLabels;

    /// <summary>How class values become class indices (classification only).</summary>
    public CsvClassOrder ClassOrder { get; init; } = CsvClassOrder.Sorted;

    /// <summary>Field separator (default comma).</summary>
    public char Separator { get; init; } = ',';
}
