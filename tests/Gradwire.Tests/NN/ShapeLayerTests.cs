using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Dropout2d (whole channels), Flatten and Unflatten, as PyTorch defines them.</summary>
public sealed class ShapeLayerTests
{
    [Fact]
    public void Dropout2d_zeroes_whole_channels_and_scales_the_rest()
    {
        var layer = new Dropout2d(0.5, seed: 7);
        var x = Tensor.Ones(new Shape(8, 16, 3, 4));
        var y = layer.Forward(x);
        var zeroed = 0;
        for (var n = 0; n < 8; n++)
        {
            for (var c = 0; c < 16; c++)
            {
                var channel = y.Select(0, n).Select(0, c).ToDoubleArray();
                Assert.True(channel.All(v => v == channel[0]), "a channel is dropped or kept whole");
                Assert.True(channel[0] == 0 || channel[0] == 2, $"value {channel[0]}: kept channels are scaled by 1/(1-p)");
                zeroed += channel[0] == 0 ? 1 : 0;
            }
        }

        Assert.InRange(zeroed, 40, 88); // 128 channels at p = 0.5
    }

    [Fact]
    public void Dropout2d_is_seeded_differs_between_calls_and_is_the_identity_in_eval()
    {
        var x = Tensor.Uniform(new Shape(4, 6, 2, 2), new Generator(1), 1, 2);
        var a = new Dropout2d(0.3, seed: 9);
        var b = new Dropout2d(0.3, seed: 9);
        var first = a.Forward(x);
        Assert.True(first.AllClose(b.Forward(x), 0, 0));
        Assert.False(first.AllClose(a.Forward(x), 0, 0));
        a.Eval();
        Assert.Same(x, a.Forward(x));
    }

    [Fact]
    public void Dropout2d_passes_the_gradient_through_the_kept_channels_only()
    {
        var layer = new Dropout2d(0.5, seed: 3);
        var x = Tensor.Ones(new Shape(2, 8, 2, 2));
        x.RequiresGrad = true;
        var y = layer.Forward(x);
        y.Sum().Backward();
        Assert.True(x.Grad!.AllClose(y.Detach(), 0, 0)); // d(x·m)/dx = m, and y = m for x = 1
    }

    [Fact]
    public void Dropout2d_accepts_one_image_and_refuses_other_ranks()
    {
        var layer = new Dropout2d(0.5, seed: 3);
        Assert.Equal([3, 2, 2], layer.Forward(Tensor.Ones(new Shape(3, 2, 2))).ShapeArray);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Ones(new Shape(3, 2))));
        Assert.Contains("Dropout2d", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout2d(1, 0));
    }

    [Theory]
    [InlineData(1, -1, new[] { 2, 60 })]
    [InlineData(0, -1, new[] { 120 })]
    [InlineData(1, 2, new[] { 2, 12, 5 })]
    [InlineData(-2, -1, new[] { 2, 3, 20 })]
    public void Flatten_merges_the_axes_between_start_and_end(int start, int end, int[] expected)
    {
        var x = Tensor.Arange(0, 120).Reshape(2, 3, 4, 5);
        var y = new Flatten(start, end).Forward(x);
        Assert.Equal(expected, y.ShapeArray);
        Assert.Equal(x.ToDoubleArray(), y.ToDoubleArray());
    }

    [Fact]
    public void Unflatten_splits_an_axis_and_inverts_flatten()
    {
        var x = Tensor.Arange(0, 2 * 784).Reshape(2, 784);
        var images = new Unflatten(1, 1, 28, 28).Forward(x);
        Assert.Equal([2, 1, 28, 28], images.ShapeArray);
        Assert.Equal(x.ToDoubleArray(), new Flatten().Forward(images).ToDoubleArray());
        Assert.Equal([2, 4, 196], new Unflatten(-1, 4, -1).Forward(x).ShapeArray);
    }

    [Fact]
    public void Unflatten_refuses_sizes_that_do_not_multiply_to_the_axis()
    {
        var x = Tensor.Zeros(new Shape(2, 10));
        var e = Assert.Throws<ArgumentException>(() => new Unflatten(1, 3, 4).Forward(x));
        Assert.Contains("multiply to 12", e.Message);
        Assert.Throws<ArgumentException>(() => new Unflatten(1, 3, -1).Forward(x));
        Assert.Throws<ArgumentException>(() => new Unflatten(2, 2, 5).Forward(x));
        Assert.Throws<ArgumentException>(() => new Unflatten(1, -1, -1));
    }
}
