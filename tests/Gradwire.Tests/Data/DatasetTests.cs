using Gradwire.Data;

namespace Gradwire.Tests.Data;

public sealed class DatasetTests
{
    private static Dataset Small() => Dataset.Classification(
        "small", [0, 1, 10, 11, 20, 21, 30, 31, 40, 41], [2], [0, 1, 2, 1, 0], 3, ["a", "b", "c"]);

    [Fact]
    public void Samples_are_rows_of_one_contiguous_row_major_buffer()
    {
        var ds = Small();
        Assert.Equal(5, ds.Count);
        Assert.Equal(2, ds.SampleSize);
        Assert.Equal(new float[] { 20, 21 }, ds.GetFeatures(2).ToArray());
        Assert.Equal(2, ds.GetLabel(2));
        Assert.Equal(10, ds.Features.Length);
        Assert.Equal([2, 2, 1], ds.ClassCounts());
    }

    [Fact]
    public void Multi_dimensional_samples_keep_their_shape()
    {
        var ds = Dataset.Classification("images", new float[2 * 1 * 2 * 3], [1, 2, 3], [0, 1], 2);
        Assert.Equal([1, 2, 3], ds.SampleShape);
        Assert.Equal(6, ds.SampleSize);
        Assert.Equal(2, ds.Count);
    }

    [Fact]
    public void Subset_copies_the_chosen_rows_in_order_with_labels_and_class_names()
    {
        var sub = Small().Subset([4, 0, 4], "picked");
        Assert.Equal("picked", sub.Name);
        Assert.Equal(new float[] { 40, 41, 0, 1, 40, 41 }, sub.Features.ToArray());
        Assert.Equal([0, 0, 0], sub.Labels.ToArray());
        Assert.Equal(3, sub.ClassCount);
        Assert.Equal(["a", "b", "c"], sub.ClassNames!);
    }

    [Fact]
    public void Subset_of_a_regression_dataset_carries_the_targets()
    {
        var ds = Dataset.Regression("r", [1, 2, 3], [1], [10, 11, 20, 21, 30, 31], [2]);
        var sub = ds.Subset([2, 0]);
        Assert.Equal(new float[] { 30, 31, 10, 11 }, sub.Targets.ToArray());
        Assert.Equal([2], sub.TargetShape);
    }

    [Fact]
    public void Subset_with_an_index_out_of_range_names_it()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Small().Subset([1, 5]));
        Assert.Contains("index 5", e.Message);
        Assert.Contains("'small'", e.Message);
    }

    [Fact]
    public void Bad_construction_is_rejected_with_a_message_naming_the_dataset()
    {
        Assert.Contains("label 3", Assert.Throws<ArgumentException>(() =>
            Dataset.Classification("d", [1, 2], [1], [0, 3], 3)).Message);
        Assert.Contains("one label per sample", Assert.Throws<ArgumentException>(() =>
            Dataset.Classification("d", [1, 2], [1], [0], 3)).Message);
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() =>
            Dataset.Classification("d", [1, 2, 3], [2], [0], 3)).Message);
        Assert.Throws<ArgumentException>(() => Dataset.Classification("d", [1, 2], [1], [0, 1], 2, ["only one"]));
        Assert.Throws<ArgumentException>(() => Dataset.Classification("d", [1, 2], [0], [0, 1], 2));
        Assert.Throws<ArgumentException>(() => Dataset.Regression("d", [1, 2], [1], [1, 2, 3], [1]));
    }

    [Fact]
    public void Asking_for_the_wrong_kind_of_target_explains_what_the_dataset_has()
    {
        var classes = Small();
        var regression = classes.ToRegression([0f, 0.5f, 1f]);
        Assert.Contains("class labels", Assert.Throws<InvalidOperationException>(() => classes.Targets.ToArray()).Message);
        Assert.Contains("regression", Assert.Throws<InvalidOperationException>(() => regression.Labels.ToArray()).Message);
    }

    [Fact]
    public void ToRegression_and_ToOneHot_map_labels_to_float_targets()
    {
        var ds = Small();
        Assert.Equal(new float[] { 0, 0.5f, 1, 0.5f, 0 }, ds.ToRegression([0f, 0.5f, 1f]).Targets.ToArray());
        var oneHot = ds.ToOneHot();
        Assert.Equal([3], oneHot.TargetShape);
        Assert.Equal(new float[] { 0, 0, 1 }, oneHot.GetTarget(2).ToArray());
        Assert.Equal(15, oneHot.Targets.Length);
    }
}
