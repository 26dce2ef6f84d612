using Gradwire.Data;

namespace Gradwire.Tests.Data;

public sealed class ClassWeightsTests
{
    [Fact]
    public void Balanced_weights_are_n_over_classes_times_count()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=[0,1,2], y=[0,0,0,0,0,0,1,1,1,2])
        // = 10 / (3 · [6, 3, 1]) = [0.5556, 1.1111, 3.3333].
        float[] w = ClassWeights.Balanced([0, 0, 0, 0, 0, 0, 1, 1, 1, 2], 3);
        Assert.Equal(10.0 / 18, w[0], 1e-6);
        Assert.Equal(10.0 / 9, w[1], 1e-6);
        Assert.Equal(10.0 / 3, w[2], 1e-6);
    }

    [Fact]
    public void Balanced_data_gets_unit_weights_and_weighted_counts_sum_to_n()
    {
        Assert.Equal([1f, 1f], ClassWeights.Balanced([0, 1, 1, 0], 2));
        int[] labels = [0, 0, 0, 1, 2, 2];
        float[] w = ClassWeights.Balanced(labels, 3);
        Assert.Equal(labels.Length, labels.Sum(l => (double)w[l]), 1e-5);
    }

    [Fact]
    public void An_absent_class_gets_zero_and_is_not_counted()
    {
        float[] w = ClassWeights.Balanced([0, 0, 2, 2], 3);
        Assert.Equal([1f, 0f, 1f], w);
    }

    [Fact]
    public void Weights_of_a_dataset_use_its_labels_and_class_count()
    {
        var ds = Dataset.Classification("d", [0, 0, 0, 0], [1], [1, 1, 1, 0], 2);
        Assert.Equal(ClassWeights.Balanced([1, 1, 1, 0], 2), ClassWeights.Balanced(ds));
    }

    [Fact]
    public void Labels_outside_the_class_range_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ClassWeights.Balanced([0, 3], 3));
        Assert.Throws<ArgumentException>(() => ClassWeights.Balanced(ReadOnlySpan<int>.Empty, 3));
    }
}
