using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class FormatTests
{
    [Fact]
    public void Small_tensors_print_every_value_with_shape_and_dtype()
    {
        Assert.Equal("tensor([1., 2., 3.], shape=[3], dtype=float32)", Tensor.FromArray([1f, 2, 3]).ToString());
        Assert.Equal(
            "tensor([[0.5000, 1.2500],\n        [3.0000, 4.0000]], shape=[2,2], dtype=float64)",
            Tensor.FromArray([0.5, 1.25, 3, 4], [2, 2]).ToString());
        Assert.Equal("tensor(7., shape=[], dtype=float32)", Tensor.Scalar(7).ToString());
    }

    [Fact]
    public void Gradient_state_and_special_values_are_shown()
    {
        var x = Tensor.FromArray([1.0, double.NaN, double.NegativeInfinity]);
        Assert.Equal("tensor([  1.,  nan, -inf], shape=[3], dtype=float64)", x.ToString());
        var w = Tensor.Ones([2]);
        w.RequiresGrad = true;
        Assert.EndsWith("requires_grad=true)", w.ToString());
        Assert.EndsWith("op=mul)", (w * 2).ToString());
    }

    [Fact]
    public void Large_tensors_are_elided_like_pytorch()
    {
        var s = Tensor.Arange(2000).Reshape(40, 50).ToString();
        Assert.Contains("[   0.,    1.,    2., ...,   47.,   48.,   49.]", s);
        Assert.Contains("...,\n", s);
        Assert.Contains("1999.]]", s);
        Assert.True(s.Length < 1000, s);
    }

    [Fact]
    public void Tiny_or_huge_magnitudes_switch_to_scientific_notation()
    {
        Assert.Contains("[1.0000e-06, 1.5000e+00]", Tensor.FromArray([1e-6, 1.5]).ToString());
        Assert.Contains("1.0000e+09", Tensor.FromArray([1e9, 1.5]).ToString());
    }
}
