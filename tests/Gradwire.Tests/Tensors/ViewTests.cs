using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class ViewTests
{
    private static Tensor Matrix() => Tensor.Arange(12).Reshape(3, 4);

    [Fact]
    public void Reshape_of_a_contiguous_tensor_is_a_view_sharing_storage()
    {
        var x = Matrix();
        var y = x.Reshape(2, -1);
        TensorAssert.Shape([2, 6], y);
        using (Tensor.NoGrad())
        {
            y.FillInPlace(1);
        }

        Assert.Equal(1, x[2, 3]);
        Assert.Equal(x.Version, y.Version);
    }

    [Fact]
    public void Transpose_and_permute_swap_strides_without_copying()
    {
        var x = Matrix();
        var t = x.Transpose(0, 1);
        TensorAssert.Shape([4, 3], t);
        Assert.False(t.IsContiguous);
        Assert.Equal(new[] { 1, 4 }, t.Strides.ToArray());
        Assert.Equal(x[1, 2], t[2, 1]);
        TensorAssert.Values([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], t);
        var p = Tensor.Arange(24).Reshape(2, 3, 4).Permute(2, 0, 1);
        TensorAssert.Shape([4, 2, 3], p);
        Assert.Equal(13, p[1, 1, 0]);
    }

    [Fact]
    public void Contiguous_copies_only_when_needed()
    {
        var x = Matrix();
        Assert.Same(x, x.Contiguous());
        var t = x.MT.Contiguous();
        Assert.True(t.IsContiguous);
        TensorAssert.Values([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], t);
    }

    [Fact]
    public void Slice_with_step_narrow_and_select_are_views()
    {
        var x = Matrix();
        TensorAssert.Values([1, 3, 5, 7, 9, 11], x.Slice(1, 1, 4, 2));
        TensorAssert.Values([4, 5, 6, 7, 8, 9, 10, 11], x.Narrow(0, 1, 2));
        TensorAssert.Values([2, 6, 10], x.Select(1, 2));
        TensorAssert.Values([8, 9, 10, 11], x.Select(0, -1));
        TensorAssert.Values([], x.Slice(1, 3, 1));
        var s = x.Slice(0, 0, 3, 2);
        using (Tensor.NoGrad())
        {
            s.MulInPlace(0);
        }

        TensorAssert.Values([0, 0, 0, 0, 4, 5, 6, 7, 0, 0, 0, 0], x);
    }

    [Fact]
    public void Expand_repeats_with_stride_zero_and_squeeze_unsqueeze_change_rank()
    {
        var v = Tensor.Arange(3).Reshape(3, 1);
        var e = v.Expand(2, 3, 4);
        TensorAssert.Shape([2, 3, 4], e);
        Assert.Equal(0, e.Strides[0]);
        Assert.Equal(0, e.Strides[2]);
        Assert.Equal(2, e[1, 2, 3]);
        TensorAssert.Shape([3], v.Squeeze());
        TensorAssert.Shape([3], v.Squeeze(1));
        TensorAssert.Shape([1, 3, 1], v.Unsqueeze(0));
        TensorAssert.Shape([3, 1, 1], v.Unsqueeze(-1));
        TensorAssert.Shape([12], Matrix().Flatten());
    }

    [Fact]
    public void View_of_a_non_contiguous_tensor_is_an_error_that_suggests_the_fix()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Matrix().MT.View(12));
        Assert.Contains("Contiguous()", e.Message);
        TensorAssert.Values([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], Matrix().MT.Reshape(12));
    }

    [Fact]
    public void Bad_view_arguments_name_the_op_axis_and_size()
    {
        var x = Matrix();
        Assert.Contains("cannot reshape [3,4] (12 elements) to [5,-1]", Assert.Throws<ArgumentException>(() => x.Reshape(5, -1)).Message);
        Assert.Contains("axis 2 is out of range for rank 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.Transpose(0, 2)).Message);
        Assert.Contains("index 3 is out of range for axis 0 of size 3", Assert.Throws<ArgumentOutOfRangeException>(() => x.Select(0, 3)).Message);
        Assert.Contains("do not fit axis 1 of size 4", Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 2, 3)).Message);
        Assert.Contains("cannot expand shape [3,4] to [3,5]", Assert.Throws<ArgumentException>(() => x.Expand(3, 5)).Message);
        Assert.Contains("index 5 is out of range for axis 1 of size 4", Assert.Throws<ArgumentOutOfRangeException>(() => x[0, 5]).Message);
    }
}
