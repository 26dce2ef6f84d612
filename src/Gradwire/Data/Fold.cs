namespace Gradwire.Data;

/// <summary>
/// One fold of k-fold cross-validation: the indices held out for validation, and all the others for training.
/// Both lists are sorted ascending; over all folds the validation lists partition the dataset.
/// </summary>
public sealed class Fold
{
    private readonly int[] _train;
    private readonly int[] _validation;

    internal Fold(int index, int[] trainIndices, int[] validationIndices)
    {
        Index = index;
        _train = trainIndices;
        _validation = validationIndices;
    }

    /// <summary>Position of this fold (0 … k-1).</summary>
    public int Index { get; }

    /// <summary>Dataset indices to train on.</summary>
    public IReadOnlyList<int> TrainIndices => _train;

    /// <summary>Dataset indices to validate on.</summary>
    public IReadOnlyList<int> ValidationIndices => _validation;

    /// <summary>The training and validation subsets of <paramref name="dataset"/> (the dataset the fold was made from).</summary>
    public DatasetSplit Apply(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return new DatasetSplit(
            dataset.Subset(_train, $"{dataset.Name}/fold{Index}-train"),
            dataset.Subset(_validation, $"{dataset.Name}/fold{Index}-validation"));
    }
}
