namespace Gradwire.Data;

/// <summary>How <see cref="CsvDataset.Load(string, CsvOptions?)"/> reads a CSV file.</summary>
public sealed record CsvOptions
{
    /// <summary>Name of the target column (as written in the header); null means <see cref="TargetIndex"/>, or the last column.</summary>
    public string? TargetColumn { get; init; }

    /// <summary>0-based index of the target column, negative from the end (−1: the last); used when <see cref="TargetColumn"/> is null.</summary>
    public int? TargetIndex { get; init; }

    /// <summary>Class labels (the default) or numeric regression targets.</summary>
    public TargetKind Target { get; init; } = TargetKind.ClassLabels;

    /// <summary>How class values become class indices (classification only).</summary>
    public CsvClassOrder ClassOrder { get; init; } = CsvClassOrder.Sorted;

    /// <summary>Field separator (default comma). A space separates fields by runs of spaces and tabs (no quoting).</summary>
    public char Separator { get; init; } = ',';

    /// <summary>Whether the first line read (after <see cref="SkipRows"/>) names the columns; without a header they are named <c>column1</c>, <c>column2</c>, …</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>Lines skipped at the start of the file, before the header (scikit-learn's files start with a line of counts).</summary>
    public int SkipRows { get; init; }
}
