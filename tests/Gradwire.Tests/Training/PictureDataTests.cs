using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training.Pictures;

namespace Gradwire.Tests.Training;

/// <summary>The data behind the conv pictures: filter tiles, per-layer activations and misclassified samples.</summary>
public sealed class PictureDataTests
{
    /// <summary>A stand-in with a conv-shaped weight [out, in, kh, kw] (the real Conv2d registers the same name).</summary>
    private sealed class FilterBank : Module<Tensor, Tensor>
    {
        public FilterBank(Tensor weight) => RegisterParameter("weight", weight);

        public override Tensor Forward(Tensor input) => input * 2;
    }

    [Fact]
    public void The_first_four_axis_weight_becomes_tiles_normalized_per_filter()
    {
        var w = Tensor.FromArray([0f, 1, 2, 3, -4, -4, -4, -4, 10, 20, 30, 50], new Shape(3, 1, 2, 2));
        var model = new Sequential(new Linear(2, 2, new Generator(1)), new FilterBank(w), new FilterBank(Tensor.Zeros(new Shape(1, 1, 1, 1))));
        var grid = FilterGrid.FirstConvolution(model)!;
        Assert.Equal("1.weight", grid.Name);
        Assert.Equal((3, 1, 2, 2), (grid.Count, grid.Channels, grid.Height, grid.Width));
        Assert.Equal([0f, 1f / 3, 2f / 3, 1f, 0.5f, 0.5f, 0.5f, 0.5f, 0f, 0.25f, 0.5f, 1f], grid.Values);
        Assert.Null(FilterGrid.FirstConvolution(Mlp.Create([3, 4, 2], Activation.Relu, new Generator(2))));
        Assert.Throws<ArgumentException>(() => FilterGrid.From("w", Tensor.Zeros(new Shape(2, 2))));
    }

    [Fact]
    public void Activations_are_recorded_per_layer_with_channels_normalized_and_the_mode_restored()
    {
        var image = Tensor.FromArray([1f, 2, 3, 4, -1, 0, 1, 3], new Shape(2, 2, 2));
        var model = new Sequential(new FilterBank(Tensor.Zeros(new Shape(1, 2, 1, 1))), new Flatten(), new Linear(8, 3, new Generator(3)));
        var panels = ActivationPanel.Record(model, image);
        Assert.True(model.IsTraining);
        Assert.Equal(3, panels.Count);
        Assert.Equal([2, 2, 2], panels[0].Shape);
        Assert.Equal([0f, 1f / 3, 2f / 3, 1f, 0f, 0.25f, 0.5f, 1f], panels[0].Values);
        Assert.Equal((-2.0, 8.0), (panels[0].Min, panels[0].Max));
        Assert.Equal([8], panels[1].Shape);
        Assert.Equal([3], panels[2].Shape);
        Assert.StartsWith("Linear(8 → 3", panels[2].Layer);
    }

    [Fact]
    public void Mistakes_are_the_samples_whose_argmax_differs_from_the_label()
    {
        // A linear model that predicts class 1 exactly when feature 1 exceeds feature 0.
        var model = new Sequential(new Flatten(), new Linear(2, 2, new Generator(4), bias: false));
        using (Tensor.NoGrad())
        {
            ((Linear)model[1]).Weight.Value.CopyFrom(Tensor.FromArray([1f, 0, 0, 1], new Shape(2, 2)));
        }

        float[] features = [2, 1, 0, 3, 5, 4, 1, 2, 9, 0];
        var data = Dataset.Classification("toy", features, [1, 2], [0, 0, 1, 1, 0], 2);
        var mistakes = Mistake.Find(model, data, max: 10, batchSize: 2);
        Assert.Equal([new Mistake(1, 1, 0), new Mistake(2, 0, 1)], mistakes);
        Assert.Single(Mistake.Find(model, data, max: 1));
        var regression = Dataset.Regression("r", new float[2], [2], [0f], [1]);
        Assert.Throws<ArgumentException>(() => Mistake.Find(model, regression, 1));
    }
}
