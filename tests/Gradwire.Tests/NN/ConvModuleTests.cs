using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Conv and pool modules: PyTorch's parameter names, layouts and default-init bounds; shapes; errors that name the op.</summary>
public sealed class ConvModuleTests
{
    [Fact]
    public void Conv2d_has_pytorch_names_layout_and_init_bounds()
    {
        var conv = new Conv2d(6, 8, 5, new Generator(1), padding: 2, groups: 2);
        var names = conv.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["weight", "bias"], names);
        Assert.Equal(new Shape(8, 3, 5, 5), conv.Weight.Value.Shape);
        Assert.Equal(new Shape(8), conv.Bias!.Value.Shape);

        // kaiming_uniform(a=√5) = U(±1/√fan_in); bias U(±1/√fan_in); fan_in = 3·5·5.
        var bound = 1 / Math.Sqrt(75);
        Assert.All(conv.Weight.Value.ToDoubleArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.All(conv.Bias.Value.ToDoubleArray(), v => Assert.InRange(Math.Abs(v), 0, bound));
        Assert.True(conv.Weight.Value.ToDoubleArray().Max(Math.Abs) > 0.8 * bound);
    }

    [Fact]
    public void Modules_give_pytorch_output_shapes()
    {
        var g = new Generator(2);
        var x = Tensor.Zeros(new Shape(3, 1, 28, 28));
        Assert.Equal(new Shape(3, 8, 28, 28), new Conv2d(1, 8, 5, g, "same").Forward(x).Shape);
        Assert.Equal(new Shape(3, 8, 24, 24), new Conv2d(1, 8, 5, g, "valid").Forward(x).Shape);
        Assert.Equal(new Shape(3, 1, 14, 14), new MaxPool2d(2).Forward(x).Shape);
        Assert.Equal(new Shape(3, 1, 10, 10), new MaxPool2d(3, 3, ceilMode: true).Forward(x).Shape);
        Assert.Equal(new Shape(3, 1, 14, 14), new AvgPool2d(2).Forward(x).Shape);
        Assert.Equal(new Shape(3, 1, 1, 1), new AdaptiveAvgPool2d(1).Forward(x).Shape);
        Assert.Equal(new Shape(3, 4, 56, 56), new ConvTranspose2d(1, 4, 3, g, stride: 2, padding: 1, outputPadding: 1).Forward(x).Shape);
        Assert.Equal(new Shape(2, 5, 10), new Conv1d(3, 5, 3, g, "same").Forward(Tensor.Zeros(new Shape(2, 3, 10))).Shape);
        Assert.Equal(new Shape(2, 3, 5), new MaxPool1d(2).Forward(Tensor.Zeros(new Shape(2, 3, 10))).Shape);
        Assert.Equal(new Shape(8, 28, 28), new Conv2d(1, 8, 5, g, padding: 2).Forward(Tensor.Zeros(new Shape(1, 28, 28))).Shape);
    }

    [Fact]
    public void Max_pool_indices_are_int64_flat_per_plane()
    {
        var x = Tensor.FromArray([1.0, 5, 2, 0, 3, 4, 9, 8, 7, 6, -1, -2, 0, 1, 2, 3], new Shape(1, 1, 4, 4));
        var (v, i) = Functional.MaxPool2dWithIndices(x, 2);
        Assert.Equal(DType.Int64, i.DType);
        Assert.Equal([5.0, 9, 7, 3], v.ToDoubleArray());
        Assert.Equal([1L, 6, 8, 15], i.ToArray<long>());
    }

    [Fact]
    public void Bad_shapes_throw_naming_the_op_and_shapes()
    {
        var g = new Generator(3);
        var conv = new Conv2d(3, 4, 3, g);
        var e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(new Shape(1, 2, 8, 8))));
        Assert.Contains("conv2d", e.Message);
        Assert.Contains("[1,2,8,8]", e.Message);
        e = Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(new Shape(1, 3, 2, 2))));
        Assert.Contains("smaller than the kernel", e.Message);
        e = Assert.Throws<ArgumentException>(() => Functional.Conv2d(Tensor.Zeros(new Shape(1, 3, 8, 8)), conv.Weight.Value, null, "same", stride: 2));
        Assert.Contains("stride 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Functional.MaxPool2d(Tensor.Zeros(new Shape(1, 1, 8, 8)), 2, 2, 2));
        Assert.Contains("max_pool2d", e.Message);
        e = Assert.Throws<ArgumentException>(() => Functional.Pad(Tensor.Zeros(new Shape(1, 1, 3, 3)), [3, 0], PadMode.Reflect));
        Assert.Contains("smaller than", e.Message);
        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, g, groups: 2));
    }
}
