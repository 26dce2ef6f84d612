using Gradwire.Data;

namespace Gradwire.Training;

/// <summary>
/// What a checkpoint records to use its model: how to rebuild it (<see cref="ModelSpec"/>, <see cref="InputShape"/>,
/// <see cref="Outputs"/>), what it predicts (<see cref="Task"/>, <see cref="ClassNames"/>, <see cref="Loss"/>) and how
/// raw inputs become model inputs (<see cref="Standardizer"/>, <see cref="ImageScale"/>).
/// </summary>
/// <remarks>Raw input x becomes <c>((x · ImageScale) − μ) / σ</c>, each step only where recorded.</remarks>
public sealed record ModelInfo
{
    /// <summary>The model spec (<see cref="NN.ModelSpec"/> grammar), e.g. <c>mlp:64</c>.</summary>
    public required string ModelSpec { get; init; }

    /// <summary>The shape of one raw sample, e.g. <c>[13]</c> or <c>[1, 28, 28]</c>.</summary>
    public required IReadOnlyList<int> InputShape { get; init; }

    /// <summary>Model outputs per sample (classes, 1 for a single-score classifier, or the regression target width).</summary>
    public required int Outputs { get; init; }

    /// <summary>The training loss's name (<see cref="NN.Loss.Name"/>): decides how scores become probabilities.</summary>
    public required string Loss { get; init; }

    /// <summary>Classification (<see cref="TargetKind.ClassLabels"/>) or regression.</summary>
    public required TargetKind Task { get; init; }

    /// <summary>The training set's name (e.g. <c>wine_data</c>), or null.</summary>
    public string? Dataset { get; init; }

    /// <summary>Class names, index order (classification); null when the data had none.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>Names of the input features (a CSV's columns other than the target), or null.</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The target column's name (CSV data), or null.</summary>
    public string? TargetName { get; init; }

    /// <summary>The standardization fitted on the training set, or null when inputs were not standardized.</summary>
    public Standardizer? Standardizer { get; init; }

    /// <summary>A factor applied to raw inputs before anything else (1/255 for 8-bit images), or null.</summary>
    public double? ImageScale { get; init; }

    /// <summary>The Gradwire version that wrote the checkpoint.</summary>
    public string GradwireVersion { get; init; } = Checkpoint.LibraryVersion;
}
