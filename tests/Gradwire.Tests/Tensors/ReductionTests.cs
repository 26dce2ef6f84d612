using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class ReductionTests
{
    private static Tensor Cube() => Tensor.Arange(24, DType.Float64).Reshape(2, 3, 4);

    [Fact]
    public void Sum_over_any_set_of_axes_with_and_without_keepDim()
    {
        var x = Cube();
        Assert.Equal(276, x.Sum().Item());
        TensorAssert.Values([12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], x.Sum(0));
        TensorAssert.Values([6, 22, 38, 54, 70, 86], x.Sum(-1));
        TensorAssert.Values([60, 66, 72, 78], x.Sum([0, 1]));
        TensorAssert.Values([66, 210], x.Sum([1, 2]));
        TensorAssert.Shape([2, 1, 4], x.Sum(1, keepDim: true));
        TensorAssert.Shape([1, 3, 1], x.Sum([0, 2], keepDim: true));
        TensorAssert.Values([12 + 16 + 20, 13 + 17 + 21, 14 + 18 + 22, 15 + 19 + 23], x.Select(0, 1).Sum(0));
        TensorAssert.Values([0 + 4 + 8, 12 + 16 + 20], x.MT.Select(1, 0).Sum(-1));
        Assert.Equal(0, Tensor.Zeros([0, 3]).Sum().Item());
    }

    [Fact]
    public void Mean_max_min_and_arg_extrema()
    {
        var x = Tensor.FromArray([3.0, 1, 4, 1, 5, 9, 2, 6], [2, 4]);
        Assert.Equal(31.0 / 8, x.Mean().Item(), 12);
        TensorAssert.Values([2.25, 5.5], x.Mean(1));
        Assert.Equal(9, x.Max().Item());
        Assert.Equal(1, x.Min().Item());
        TensorAssert.Values([5, 9, 4, 6], x.Max(0).Values);
        TensorAssert.Values([1, 2], x.Min(1).Values);
        TensorAssert.Values([2, 1], x.ArgMax(1));
        TensorAssert.Values([1, 2], x.ArgMin(1));
        TensorAssert.Values([1, 1, 0, 1], x.ArgMax(0));
        Assert.Equal(5, x.ArgMax().Item());
        TensorAssert.Shape([2, 1], x.ArgMax(1, keepDim: true));
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([0]).Max());
        Assert.Contains("max: cannot reduce axis 0 of size 0", e.Message);
    }

    [Fact]
    public void Variance_and_std_unbiased_and_biased()
    {
        var x = Tensor.FromArray([2.0, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(4, x.Var(unbiased: false).Item(), 12);
        Assert.Equal(32.0 / 7, x.Var().Item(), 12);
        Assert.Equal(2, x.Std(unbiased: false).Item(), 12);
        var m = x.Reshape(2, 4);
        TensorAssert.Values([0.75, 2.75], m.Var(1, unbiased: false), 1e-12);
    }

    [Fact]
    public void LogSumExp_is_stable_for_large_and_minus_infinite_inputs()
    {
        var x = Tensor.FromArray([1000.0, 1000, 1000]);
        Assert.Equal(1000 + Math.Log(3), x.LogSumExp([]).Item(), 9);
        var m = Tensor.FromArray([1.0, 2, 3, double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], [2, 3]);
        var lse = m.LogSumExp(1).ToDoubleArray();
        Assert.Equal(Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)), lse[0], 12);
        Assert.Equal(double.NegativeInfinity, lse[1]);
    }

    [Fact]
    public void Softmax_and_log_softmax_are_stable_and_normalized_along_any_axis()
    {
        var x = Tensor.FromArray([1000.0, 1001, 1002, -5, 0, 5], [2, 3]);
        var p = x.Softmax().ToDoubleArray();
        var e = new[] { Math.Exp(-2), Math.Exp(-1), 1.0 };
        var s = e.Sum();
        Assert.Equal(e[0] / s, p[0], 12);
        Assert.Equal(e[2] / s, p[2], 12);
        TensorAssert.Values([1, 1], x.Softmax().Sum(1), 1e-12);
        TensorAssert.Values(Array.ConvertAll(p, Math.Log), x.LogSoftmax(), 1e-12);
        var columns = x.Softmax(0);
        TensorAssert.Values([1, 1, 1], columns.Sum(0), 1e-12);
        Assert.Equal(1.0, columns[0, 0], 12);
        var f32 = x.To(DType.Float32).LogSoftmax().ToFloatArray();
        Assert.All(f32, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void CumSum_runs_along_the_axis()
    {
        var x = Tensor.Arange(6, DType.Float64).Reshape(2, 3);
        TensorAssert.Values([0, 1, 3, 3, 7, 12], x.CumSum(1));
        TensorAssert.Values([0, 1, 2, 3, 5, 7], x.CumSum(0));
    }

    [Fact]
    public void Large_reductions_split_across_threads_and_agree()
    {
        var x = TensorAssert.Random(9, [400, 500]);
        var rows = x.Sum(1).ToDoubleArray();
        var all = x.ToDoubleArray();
        var expected = 0.0;
        for (var j = 0; j < 500; j++)
        {
            expected += all[123 * 500 + j];
        }

        Assert.Equal(expected, rows[123], 9);
        Assert.Equal(all.Sum(), x.Sum().Item(), 7);
        Assert.Equal(all.Max(), x.Max().Item());
    }
}
