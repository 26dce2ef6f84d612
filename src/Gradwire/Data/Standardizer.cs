namespace Gradwire.Data;

/// <summary>
/// Per-feature standardization, <c>x' = (x − μ) / σ</c>, with μ and σ measured on the training set and applied
/// unchanged to validation and test sets (measuring them on test data would leak it into training).
/// </summary>
/// <remarks>
/// σ is the population standard deviation (NumPy's <c>std</c>, scikit-learn's <c>StandardScaler</c>), accumulated
/// in double precision. A constant feature (σ = 0) is only centred, as scikit-learn does.
/// </remarks>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    private Standardizer(float[] mean, float[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    /// <summary>Per-feature means μ (length = sample size).</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Per-feature divisors σ (1 for constant features).</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>Rebuilds a standardizer from its parameters (as a checkpoint records them).</summary>
    /// <exception cref="ArgumentException">The lengths differ, a mean is not finite, or a scale is not finite and positive.</exception>
    public static Standardizer FromParameters(ReadOnlySpan<float> mean, ReadOnlySpan<float> scale)
    {
        if (mean.Length != scale.Length || mean.IsEmpty)
            throw new ArgumentException($"Standardizer.FromParameters: {mean.Length} means and {scale.Length} scales; give one of each per feature (at least one).");
        for (int j = 0; j < mean.Length; j++)
        {
            if (!float.IsFinite(mean[j]) || !(scale[j] > 0) || !float.IsFinite(scale[j]))
                throw new ArgumentException($"Standardizer.FromParameters: feature {j} has mean {mean[j]} and scale {scale[j]}; expected a finite mean and a finite scale > 0.");
        }

        return new Standardizer(mean.ToArray(), scale.ToArray());
    }

    /// <summary>Standardizes rows of raw features in place: <c>x[i, j] = (x[i, j] − μ[j]) / σ[j]</c>.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of the feature count.</exception>
    public void ApplyInPlace(Span<float> rows)
    {
        int width = _mean.Length;
        if (rows.Length % width != 0)
            throw new ArgumentException($"This standardizer was fitted on samples of {width} features; {rows.Length} values are not whole rows of that width.", nameof(rows));
        for (int i = 0; i < rows.Length; i += width)
        {
            var row = rows.Slice(i, width);
            for (int j = 0; j < width; j++) row[j] = (row[j] - _mean[j]) / _scale[j];
        }
    }

    /// <summary>Measures μ and σ of every feature position over <paramref name="train"/>.</summary>
    /// <exception cref="ArgumentException">The dataset is empty.</exception>
    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException($"Cannot standardize with empty dataset '{train.Name}'.", nameof(train));
        int width = train.SampleSize;
        var sum = new double[width];
        var features = train.Features;
        for (int i = 0; i < train.Count; i++)
        {
            var row = features.Slice(i * width, width);
            for (int j = 0; j < width; j++) sum[j] += row[j];
        }

        var mean = new double[width];
        for (int j = 0; j < width; j++) mean[j] = sum[j] / train.Count;
        var squares = new double[width];
        for (int i = 0; i < train.Count; i++)
        {
            var row = features.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                double d = row[j] - mean[j];
                squares[j] += d * d;
            }
        }

        var meanOut = new float[width];
        var scale = new float[width];
        for (int j = 0; j < width; j++)
        {
            meanOut[j] = (float)mean[j];
            double std = Math.Sqrt(squares[j] / train.Count);
            scale[j] = std > 0 ? (float)std : 1f;
        }

        return new Standardizer(meanOut, scale);
    }

    /// <summary>A copy of <paramref name="dataset"/> with standardized features (labels and targets unchanged).</summary>
    /// <exception cref="ArgumentException">The sample size differs from the one fitted.</exception>
    public Dataset Apply(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int width = _mean.Length;
        if (dataset.SampleSize != width)
            throw new ArgumentException(
                $"This standardizer was fitted on samples of {width} features; dataset '{dataset.Name}' has {dataset.SampleSize}.",
                nameof(dataset));
        var features = dataset.Features.ToArray();
        for (int i = 0; i < dataset.Count; i++)
        {
            var row = features.AsSpan(i * width, width);
            for (int j = 0; j < width; j++) row[j] = (row[j] - _mean[j]) / _scale[j];
        }

        int[] shape = [.. dataset.SampleShape];
        return dataset.TargetKind == TargetKind.ClassLabels
            ? Dataset.Classification(dataset.Name, features, shape, dataset.Labels.ToArray(), dataset.ClassCount, dataset.ClassNames)
            : Dataset.Regression(dataset.Name, features, shape, dataset.Targets.ToArray(), [.. dataset.TargetShape]);
    }
}
