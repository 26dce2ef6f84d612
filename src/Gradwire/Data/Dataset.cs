namespace Gradwire.Data;

/// <summary>
/// An in-memory dataset: <see cref="Count"/> samples whose features lie in one contiguous row-major float32
/// buffer (sample <c>i</c> is <c>Features[i·SampleSize .. (i+1)·SampleSize)</c>, each of shape
/// <see cref="SampleShape"/>), and either a class label per sample or a float regression target per sample.
/// </summary>
/// <remarks>
/// The layout is the one a tensor of shape <c>[Count, ..SampleShape]</c> has, so wrapping a dataset (or a
/// <see cref="Batch"/>) in a tensor is a buffer plus a shape. A dataset is immutable: its buffers are only
/// handed out read-only, and <see cref="Subset"/> copies the selected rows into a new contiguous dataset.
/// </remarks>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _sampleShape;
    private readonly int[]? _labels;
    private readonly float[]? _targets;
    private readonly int[] _targetShape;
    private readonly string[]? _classNames;

    private Dataset(
        string name, float[] features, int[] sampleShape, int[]? labels, int classCount, string[]? classNames,
        float[]? targets, int[] targetShape)
    {
        Name = name;
        _features = features;
        _sampleShape = sampleShape;
        SampleSize = Product(sampleShape);
        Count = features.Length / SampleSize;
        _labels = labels;
        ClassCount = classCount;
        _classNames = classNames;
        _targets = targets;
        _targetShape = targetShape;
        TargetSize = targets is null ? 0 : Product(targetShape);
    }

    /// <summary>A short name for messages and reports ("spiral", "fashion-mnist/train", ...).</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Shape of one sample's features, e.g. <c>[2]</c>, <c>[784]</c> or <c>[1, 28, 28]</c>.</summary>
    public IReadOnlyList<int> SampleShape => _sampleShape;

    /// <summary>Number of floats per sample: the product of <see cref="SampleShape"/>.</summary>
    public int SampleSize { get; }

    /// <summary>All features, <c>Count × SampleSize</c> floats, row-major.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>Whether the targets are class labels or regression values.</summary>
    public TargetKind TargetKind => _labels is not null ? TargetKind.ClassLabels : TargetKind.Regression;

    /// <summary>Number of classes (labels lie in <c>[0, ClassCount)</c>); 0 for a regression dataset.</summary>
    public int ClassCount { get; }

    /// <summary>Human-readable class names (index = label), or null when the dataset has none.</summary>
    public IReadOnlyList<string>? ClassNames => _classNames;

    /// <summary>The class label of every sample.</summary>
    /// <exception cref="InvalidOperationException">The dataset is a regression dataset.</exception>
    public ReadOnlySpan<int> Labels => _labels ?? throw new InvalidOperationException(
        $"Dataset '{Name}' has regression targets, not class labels; use Targets.");

    /// <summary>Shape of one sample's regression target (e.g. <c>[1]</c> or <c>[4]</c>); empty for class labels.</summary>
    public IReadOnlyList<int> TargetShape => _targetShape;

    /// <summary>Number of floats per sample's regression target; 0 for class labels.</summary>
    public int TargetSize { get; }

    /// <summary>All regression targets, <c>Count × TargetSize</c> floats, row-major.</summary>
    /// <exception cref="InvalidOperationException">The dataset has class labels.</exception>
    public ReadOnlySpan<float> Targets => _targets ?? throw new InvalidOperationException(
        $"Dataset '{Name}' has class labels, not regression targets; use Labels (or ToRegression to map classes to values).");

    /// <summary>Creates a classification dataset. The arrays are owned by the dataset from now on (not copied).</summary>
    /// <param name="name">Name used in messages.</param>
    /// <param name="features">Row-major features, a whole number of samples of <paramref name="sampleShape"/>.</param>
    /// <param name="sampleShape">Shape of one sample (all dimensions ≥ 1).</param>
    /// <param name="labels">One label per sample, each in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">Number of classes (≥ 1).</param>
    /// <param name="classNames">Optional names, exactly <paramref name="classCount"/> of them.</param>
    public static Dataset Classification(
        string name, float[] features, ReadOnlySpan<int> sampleShape, int[] labels, int classCount,
        IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        var shape = CheckShape(name, "sample shape", sampleShape);
        int count = CheckFeatureCount(name, features.Length, Product(shape));
        if (labels.Length != count)
            throw new ArgumentException(
                $"Dataset '{name}': {labels.Length} labels for {count} samples; there must be one label per sample.",
                nameof(labels));
        if (classCount < 1)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"Dataset '{name}': the class count must be ≥ 1.");
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException(
                    $"Dataset '{name}': label {labels[i]} of sample {i} is outside [0, {classCount}).", nameof(labels));
        }

        string[]? names = null;
        if (classNames is not null)
        {
            if (classNames.Count != classCount)
                throw new ArgumentException(
                    $"Dataset '{name}': {classNames.Count} class names for {classCount} classes.", nameof(classNames));
            names = [.. classNames];
        }

        return new Dataset(name, features, shape, labels, classCount, names, null, []);
    }

    /// <summary>Creates a regression dataset. The arrays are owned by the dataset from now on (not copied).</summary>
    /// <param name="name">Name used in messages.</param>
    /// <param name="features">Row-major features, a whole number of samples of <paramref name="sampleShape"/>.</param>
    /// <param name="sampleShape">Shape of one sample (all dimensions ≥ 1).</param>
    /// <param name="targets">Row-major targets, one <paramref name="targetShape"/> block per sample.</param>
    /// <param name="targetShape">Shape of one sample's target, e.g. <c>[1]</c>.</param>
    public static Dataset Regression(
        string name, float[] features, ReadOnlySpan<int> sampleShape, float[] targets, ReadOnlySpan<int> targetShape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        var shape = CheckShape(name, "sample shape", sampleShape);
        var tShape = CheckShape(name, "target shape", targetShape);
        int count = CheckFeatureCount(name, features.Length, Product(shape));
        long expected = (long)count * Product(tShape);
        if (targets.Length != expected)
            throw new ArgumentException(
                $"Dataset '{name}': {targets.Length} target values for {count} samples of target shape " +
                $"[{string.Join(", ", tShape)}]; expected {expected}.", nameof(targets));
        return new Dataset(name, features, shape, null, 0, null, targets, tShape);
    }

    /// <summary>
    /// The feature array itself, for adapters inside this assembly (a tensor wrapping the whole dataset without a
    /// copy). Never write to it: datasets are immutable and may share it.
    /// </summary>
    internal float[] FeatureBuffer => _features;

    /// <summary>The label array itself (null for regression), for adapters inside this assembly. Read only.</summary>
    internal int[]? LabelBuffer => _labels;

    /// <summary>The target array itself (null for class labels), for adapters inside this assembly. Read only.</summary>
    internal float[]? TargetBuffer => _targets;

    /// <summary>
    /// The same samples with another sample shape of the same size (e.g. <c>[1, 28, 28]</c> ↔ <c>[784]</c>), sharing
    /// the arrays (no copy): PyTorch's <c>view</c> on every sample.
    /// </summary>
    /// <exception cref="ArgumentException">The shape has a dimension &lt; 1 or a different number of elements.</exception>
    public Dataset WithSampleShape(ReadOnlySpan<int> sampleShape)
    {
        var shape = CheckShape(Name, "sample shape", sampleShape);
        if (Product(shape) != SampleSize)
            throw new ArgumentException(
                $"Dataset '{Name}': samples of shape [{string.Join(", ", _sampleShape)}] ({SampleSize} values) cannot be viewed as " +
                $"[{string.Join(", ", shape)}] ({Product(shape)} values).", nameof(sampleShape));
        return new Dataset(Name, _features, shape, _labels, ClassCount, _classNames, _targets, _targetShape);
    }

    /// <summary>The same samples as flat vectors of <see cref="SampleSize"/> values (for Linear and MLP models), sharing the arrays.</summary>
    public Dataset Flattened() => _sampleShape.Length == 1 ? this : WithSampleShape([SampleSize]);

    /// <summary>The features of sample <paramref name="index"/> (<see cref="SampleSize"/> floats).</summary>
    public ReadOnlySpan<float> GetFeatures(int index)
    {
        CheckIndex(index);
        return _features.AsSpan(index * SampleSize, SampleSize);
    }

    /// <summary>The class label of sample <paramref name="index"/>.</summary>
    public int GetLabel(int index)
    {
        CheckIndex(index);
        return Labels[index];
    }

    /// <summary>The regression target of sample <paramref name="index"/> (<see cref="TargetSize"/> floats).</summary>
    public ReadOnlySpan<float> GetTarget(int index)
    {
        CheckIndex(index);
        return Targets.Slice(index * TargetSize, TargetSize);
    }

    /// <summary>
    /// A new contiguous dataset with the samples at <paramref name="indices"/>, in that order (an index may repeat).
    /// Labels, class count, class names and target shape carry over.
    /// </summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var features = new float[checked(indices.Length * SampleSize)];
        int[]? labels = _labels is null ? null : new int[indices.Length];
        float[]? targets = _targets is null ? null : new float[checked(indices.Length * TargetSize)];
        for (int i = 0; i < indices.Length; i++)
        {
            int source = indices[i];
            if ((uint)source >= (uint)Count)
                throw new ArgumentOutOfRangeException(
                    nameof(indices), source, $"Subset of dataset '{Name}': index {source} (position {i}) is outside [0, {Count}).");
            _features.AsSpan(source * SampleSize, SampleSize).CopyTo(features.AsSpan(i * SampleSize));
            if (labels is not null) labels[i] = _labels![source];
            if (targets is not null) _targets.AsSpan(source * TargetSize, TargetSize).CopyTo(targets.AsSpan(i * TargetSize));
        }

        return new Dataset(name ?? Name, features, _sampleShape, labels, ClassCount, _classNames, targets, _targetShape);
    }

    /// <summary>How many samples each class has (length <see cref="ClassCount"/>).</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>
    /// The same features with regression targets <c>valueOfClass[label]</c> (target shape <c>[1]</c>): e.g.
    /// <c>[0, 1]</c> for XOR with an MSE loss, <c>[-1, +1]</c> for the guide's SVM.
    /// </summary>
    public Dataset ToRegression(ReadOnlySpan<float> valueOfClass)
    {
        var labels = Labels;
        if (valueOfClass.Length != ClassCount)
            throw new ArgumentException(
                $"Dataset '{Name}': {valueOfClass.Length} values for {ClassCount} classes.", nameof(valueOfClass));
        var targets = new float[Count];
        for (int i = 0; i < targets.Length; i++) targets[i] = valueOfClass[labels[i]];
        return new Dataset(Name, _features, _sampleShape, null, 0, null, targets, [1]);
    }

    /// <summary>The same features with one-hot regression targets of shape <c>[ClassCount]</c>.</summary>
    public Dataset ToOneHot()
    {
        var labels = Labels;
        var targets = new float[checked(Count * ClassCount)];
        for (int i = 0; i < labels.Length; i++) targets[i * ClassCount + labels[i]] = 1f;
        return new Dataset(Name, _features, _sampleShape, null, 0, null, targets, [ClassCount]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Count} × [{string.Join(", ", _sampleShape)}], " +
        (TargetKind == TargetKind.ClassLabels ? $"{ClassCount} classes" : $"targets [{string.Join(", ", _targetShape)}]");

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Dataset '{Name}' has {Count} samples.");
    }

    private static int[] CheckShape(string name, string what, ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0)
            throw new ArgumentException($"Dataset '{name}': the {what} must have at least one dimension.");
        long product = 1;
        foreach (int d in shape)
        {
            product *= d;
            if (d < 1 || product > int.MaxValue)
                throw new ArgumentException(
                    $"Dataset '{name}': invalid {what} [{string.Join(", ", shape.ToArray())}]; dimensions must be ≥ 1.");
        }

        return shape.ToArray();
    }

    private static int CheckFeatureCount(string name, int length, int sampleSize)
    {
        if (length % sampleSize != 0)
            throw new ArgumentException(
                $"Dataset '{name}': {length} feature values is not a whole number of samples of {sampleSize} values.");
        return length / sampleSize;
    }

    private static int Product(int[] shape)
    {
        int p = 1;
        foreach (int d in shape) p *= d;
        return p;
    }
}
