using FsCheck.Xunit;
using Gradwire.Data;

namespace Gradwire.Tests.Data;

public sealed class DataSplitsTests
{
    // 100 samples, unbalanced: 70 of class 0, 20 of class 1, 10 of class 2. Feature = the sample's index.
    private static Dataset Unbalanced(int count = 100)
    {
        var features = new float[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[i] = i;
            labels[i] = i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2;
        }

        return Dataset.Classification("unbalanced", features, [1], labels, 3);
    }

    [Fact]
    public void Train_validation_split_is_a_sorted_partition_of_the_indices()
    {
        var (train, validation) = DataSplits.TrainValidationIndices(Unbalanced(), 0.25, seed: 5);
        Assert.Equal(25, validation.Length);
        Assert.Equal(75, train.Length);
        Assert.Equal(Enumerable.Range(0, 100), train.Concat(validation).Order());
        Assert.Equal(train.Order(), train);
        Assert.Equal(validation.Order(), validation);
    }

    [Fact]
    public void Validation_size_rounds_up_like_scikit_learn()
    {
        var (_, validation) = DataSplits.TrainValidationIndices(Unbalanced(10), 0.25, seed: 0);
        Assert.Equal(3, validation.Length); // ceil(2.5)
    }

    [Fact]
    public void Split_datasets_hold_the_split_samples()
    {
        var ds = Unbalanced();
        var (trainIdx, validationIdx) = DataSplits.TrainValidationIndices(ds, 0.3, seed: 8);
        var (train, validation) = DataSplits.TrainValidation(ds, 0.3, seed: 8);
        Assert.Equal(trainIdx.Select(i => (float)i), train.Features.ToArray());
        Assert.Equal(validationIdx.Select(i => (float)i), validation.Features.ToArray());
        Assert.Equal("unbalanced/validation", validation.Name);
    }

    [Fact]
    public void Same_seed_same_split_other_seed_other_split()
    {
        var ds = Unbalanced();
        Assert.Equal(DataSplits.TrainValidationIndices(ds, 0.2, 1).Validation, DataSplits.TrainValidationIndices(ds, 0.2, 1).Validation);
        Assert.NotEqual(DataSplits.TrainValidationIndices(ds, 0.2, 1).Validation, DataSplits.TrainValidationIndices(ds, 0.2, 2).Validation);
    }

    [Fact]
    public void Stratified_split_keeps_every_class_in_proportion()
    {
        var ds = Unbalanced();
        var (train, validation) = DataSplits.TrainValidation(ds, 0.2, seed: 3, stratified: true);
        Assert.Equal([14, 4, 2], validation.ClassCounts());
        Assert.Equal([56, 16, 8], train.ClassCounts());
    }

    [Fact]
    public void A_split_that_would_leave_a_part_empty_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidation(Unbalanced(), 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.TrainValidation(Unbalanced(), 1, 1));
        Assert.Contains("non-empty", Assert.Throws<ArgumentException>(() => DataSplits.TrainValidation(Unbalanced(2), 0.9, 1)).Message);
        var regression = Dataset.Regression("r", [1, 2, 3, 4], [1], [1, 2, 3, 4], [1]);
        Assert.Contains("class labels", Assert.Throws<ArgumentException>(() => DataSplits.TrainValidation(regression, 0.5, 1, stratified: true)).Message);
    }

    [Property(MaxTest = 60)]
    public bool KFold_validation_folds_partition_the_dataset_and_train_is_the_complement(byte countByte, byte kByte, int seed, bool stratified)
    {
        int count = 3 + countByte % 60;
        int k = 2 + kByte % (count - 1);
        var folds = DataSplits.KFold(Unbalanced(count), k, seed, stratified);
        var allValidation = folds.SelectMany(f => f.ValidationIndices).Order().ToArray();
        bool partition = allValidation.SequenceEqual(Enumerable.Range(0, count));
        bool complements = folds.All(f => f.TrainIndices.Concat(f.ValidationIndices).Order().SequenceEqual(Enumerable.Range(0, count)));
        var sizes = folds.Select(f => f.ValidationIndices.Count).ToArray();
        bool balancedSizes = sizes.Max() - sizes.Min() <= 1;
        return partition && complements && balancedSizes && folds.Length == k;
    }

    [Fact]
    public void Stratified_k_fold_puts_each_class_evenly_in_every_fold()
    {
        var ds = Unbalanced();
        foreach (var fold in DataSplits.KFold(ds, 5, seed: 2, stratified: true))
        {
            var (train, validation) = fold.Apply(ds);
            Assert.Equal([14, 4, 2], validation.ClassCounts());
            Assert.Equal(80, train.Count);
        }
    }

    [Fact]
    public void KFold_fold_sizes_follow_scikit_learn()
    {
        var sizes = DataSplits.KFold(Unbalanced(11), 3, seed: 0).Select(f => f.ValidationIndices.Count);
        Assert.Equal([4, 4, 3], sizes);
    }

    [Fact]
    public void KFold_needs_two_to_n_folds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.KFold(Unbalanced(5), 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.KFold(Unbalanced(5), 6, 0));
    }
}
