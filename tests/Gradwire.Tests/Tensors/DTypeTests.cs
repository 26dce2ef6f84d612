using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>Int64 and bool tensors through each op family: creation, conversion, comparison, where, arithmetic, reductions, refusals.</summary>
public sealed class DTypeTests
{
    [Fact]
    public void Int64_and_bool_tensors_are_created_filled_and_read_back()
    {
        var i = Tensor.FromArray([1L, -2, long.MaxValue], [3]);
        Assert.Equal(DType.Int64, i.DType);
        Assert.Equal([1L, -2, long.MaxValue], i.ToArray<long>());
        Assert.Equal(-2, i[1]);
        Assert.Equal([0L, 0], Tensor.Zeros([2], DType.Int64).ToInt64Array());
        Assert.Equal([7L, 7, 7, 7], Tensor.Full([2, 2], 7, DType.Int64).ToInt64Array());
        Assert.Equal([2L, 4, 6], Tensor.Arange(2, 8, 2, DType.Int64).ToInt64Array());
        Assert.Equal([true, true], Tensor.Ones([2], DType.Bool).ToBoolArray());
        var b = Tensor.FromArray([true, false, true]);
        Assert.Equal(DType.Bool, b.DType);
        Assert.Equal([1.0, 0, 1], b.ToDoubleArray());
        Assert.Equal("int64", DType.Int64.Name());
        Assert.Equal("bool", DType.Bool.Name());
        Assert.Equal(8, DType.Int64.ElementSize());
        Assert.Equal(1, DType.Bool.ElementSize());
        Assert.Contains("not a whole number", Assert.Throws<ArgumentException>(() => Tensor.Full([2], 0.5, DType.Int64)).Message);
        Assert.Contains("bool", Assert.Throws<ArgumentException>(() => Tensor.Arange(3, DType.Bool)).Message);
    }

    [Fact]
    public void ToString_prints_int64_without_a_dot_and_bool_as_true_and_false()
    {
        Assert.Equal("tensor([ 1, -2, 30], shape=[3], dtype=int64)", Tensor.FromArray([1L, -2, 30]).ToString());
        Assert.Contains("9223372036854775807]", Tensor.FromArray([1L, long.MaxValue]).ToString());
        Assert.Equal("tensor([ True, False], shape=[2], dtype=bool)", Tensor.FromArray([true, false]).ToString());
        Assert.Equal("tensor(5, shape=[], dtype=int64)", Tensor.Scalar(5, DType.Int64).ToString());
    }

    [Fact]
    public void To_converts_in_every_direction_with_pytorch_rules()
    {
        var f = Tensor.FromArray([-2.7, -0.5, 0.0, 0.5, 2.7, double.NaN]);
        Assert.Equal([-2L, 0, 0, 0, 2, 0], f.To(DType.Int64).ToInt64Array());
        Assert.Equal([true, true, false, true, true, true], f.To(DType.Bool).ToBoolArray());
        var big = Tensor.FromArray([(1L << 53) + 1, -3]);
        Assert.Equal([true, true], big.To(DType.Bool).ToBoolArray());
        Assert.Equal([1L, 1], big.To(DType.Bool).To(DType.Int64).ToInt64Array());
        Assert.Equal([9007199254740992.0, -3], big.To(DType.Float64).ToDoubleArray());
        Assert.Equal([-3f], big.Narrow(0, 1, 1).To(DType.Float32).ToFloatArray());
        var b = Tensor.FromArray([true, false]);
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int64, DType.Bool })
        {
            var converted = b.To(dtype);
            Assert.Equal(dtype, converted.DType);
            Assert.Equal([1.0, 0], converted.ToDoubleArray());
            Assert.Equal([true, false], converted.To(DType.Bool).ToBoolArray());
        }

        // A strided view converts element by element in row-major order.
        var m = Tensor.FromArray([1L, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], m.MT.To(DType.Float64).ToDoubleArray());
        Assert.Equal([1L, 4, 2, 5, 3, 6], m.MT.ToInt64Array());
    }

    [Fact]
    public void Only_floating_point_tensors_can_require_gradients()
    {
        var i = Tensor.Zeros([2], DType.Int64);
        var e = Assert.Throws<InvalidOperationException>(() => i.RequiresGrad = true);
        Assert.Contains("only floating point tensors can require gradients", e.Message);
        Assert.Contains("int64", e.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros([2], DType.Bool).RequiresGrad = true);

        // A conversion to int64 ends the graph, as in PyTorch.
        var x = Tensor.FromArray([1.5, 2.5]);
        x.RequiresGrad = true;
        Assert.False(x.To(DType.Int64).RequiresGrad);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void Comparisons_return_bool_tensors_for_every_numeric_dtype(DType dtype)
    {
        var a = Tensor.FromArray([1.0, 2, 3, 4]).To(dtype);
        var b = Tensor.FromArray([4.0, 2, 1, 5]).To(dtype);
        Assert.Equal([false, true, false, false], a.Eq(b).ToBoolArray());
        Assert.Equal([true, false, true, true], a.Ne(b).ToBoolArray());
        Assert.Equal([true, false, false, true], a.Lt(b).ToBoolArray());
        Assert.Equal([true, true, false, true], a.Le(b).ToBoolArray());
        Assert.Equal([false, false, true, false], a.Gt(b).ToBoolArray());
        Assert.Equal([false, true, true, false], a.Ge(b).ToBoolArray());
        Assert.Equal([false, false, true, true], a.Gt(2).ToBoolArray());
        Assert.Equal([false, true, false, false], a.Eq(2).ToBoolArray());
        Assert.Equal(DType.Bool, a.Lt(b).DType);
        // Broadcasting: a column against a row.
        Assert.Equal([true, false, false, true, false, false, false, false], a.Reshape(4, 1).Eq(Tensor.FromArray([1.0, 2]).To(dtype)).ToBoolArray());
    }

    [Fact]
    public void Comparisons_follow_ieee_for_nan_and_compare_int64_with_fractional_scalars_exactly()
    {
        var x = Tensor.FromArray([double.NaN, 1]);
        Assert.Equal([false, true], x.Eq(x).ToBoolArray());
        Assert.Equal([true, false], x.Ne(x).ToBoolArray());
        var i = Tensor.FromArray([1L, 2, 3]);
        Assert.Equal([true, false, false], i.Lt(1.5).ToBoolArray());
        Assert.Equal([false, false, false], i.Eq(1.5).ToBoolArray());
        var b = Tensor.FromArray([true, false]);
        Assert.Equal([true, false], b.Eq(Tensor.FromArray([true, true])).ToBoolArray());
        Assert.Equal([false, true], b.Ne(Tensor.FromArray([true, true])).ToBoolArray());
        Assert.Equal([true, false], b.Eq(1).ToBoolArray());
        Assert.Contains("Eq and Ne only", Assert.Throws<ArgumentException>(() => b.Lt(b)).Message);
    }

    [Fact]
    public void Where_and_MaskedFill_take_bool_masks_for_any_dtype()
    {
        var cond = Tensor.FromArray([true, false, true]);
        Assert.Equal([1L, 20, 3], Tensor.Where(cond, Tensor.FromArray([1L, 2, 3]), Tensor.FromArray([10L, 20, 30])).ToInt64Array());
        Assert.Equal([1.0, 20, 3], Tensor.Where(cond, Tensor.FromArray([1.0, 2, 3]), Tensor.FromArray([10.0, 20, 30])).ToDoubleArray());
        Assert.Equal([true, true, true], Tensor.Where(cond, cond, cond.Not()).ToBoolArray());
        var x = Tensor.FromArray([1.0, -2, 3]);
        Assert.Equal([1.0, 0, 3], x.MaskedFill(x.Lt(0), 0).ToDoubleArray());
        Assert.Equal([5L, 2, 5], Tensor.FromArray([1L, 2, 3]).MaskedFill(cond, 5).ToInt64Array());
        Assert.Contains("the condition must be a bool tensor, got float64", Assert.Throws<ArgumentException>(() => Tensor.Where(x, x, x)).Message);
        Assert.Contains("the mask must be a bool tensor, got float64", Assert.Throws<ArgumentException>(() => x.MaskedFill(x, 1)).Message);
    }

    [Fact]
    public void Logical_ops_and_any_all_work_on_bool_and_refuse_other_dtypes()
    {
        var a = Tensor.FromArray([true, true, false, false]);
        var b = Tensor.FromArray([true, false, true, false]);
        Assert.Equal([true, false, false, false], a.And(b).ToBoolArray());
        Assert.Equal([true, true, true, false], a.Or(b).ToBoolArray());
        Assert.Equal([false, true, true, false], a.Xor(b).ToBoolArray());
        Assert.Equal([false, false, true, true], a.Not().ToBoolArray());
        Assert.Equal(1, a.Any().Item());
        Assert.Equal(0, a.All().Item());
        Assert.Equal(DType.Bool, a.Any().DType);
        var m = Tensor.FromArray([true, true, false, true], [2, 2]);
        Assert.Equal([true, false], m.All(1).ToBoolArray());
        Assert.Equal([true, true], m.Any(0).ToBoolArray());
        Assert.Equal([false, true], Tensor.FromArray([0.0, 0, 0, 2], [2, 2]).Any(1).ToBoolArray());
        Assert.Contains("logical_and: not defined for float64", Assert.Throws<ArgumentException>(() => Tensor.FromArray([1.0]).And(a)).Message);
        Assert.Contains("logical_not: takes a bool tensor, got int64", Assert.Throws<ArgumentException>(() => Tensor.FromArray([1L]).Not()).Message);
    }

    [Fact]
    public void Int64_arithmetic_is_exact_where_pytorch_allows_it()
    {
        var a = Tensor.FromArray([5L, -7, 1L << 60]);
        var b = Tensor.FromArray([3L, 2, 1]);
        Assert.Equal([8L, -5, (1L << 60) + 1], (a + b).ToInt64Array());
        Assert.Equal([2L, -9, (1L << 60) - 1], (a - b).ToInt64Array());
        Assert.Equal([15L, -14, 1L << 60], (a * b).ToInt64Array());
        Assert.Equal([5L, 2, 1L << 60], Tensor.Max(a, b).ToInt64Array());
        Assert.Equal([3L, -7, 1], Tensor.Min(a, b).ToInt64Array());
        Assert.Equal([-5L, 7, -(1L << 60)], (-a).ToInt64Array());
        Assert.Equal([5L, 7, 1L << 60], a.Abs().ToInt64Array());
        Assert.Equal([1L, -1, 1], a.Sign().ToInt64Array());
        Assert.Equal([25L, 49], a.Narrow(0, 0, 2).Square().ToInt64Array());
        Assert.Equal([7L, -5, (1L << 60) + 2], (a + 2).ToInt64Array());
        Assert.Equal([10L, -14, 1L << 61], (a * 2).ToInt64Array());
        Assert.Equal([-4L, 8], (1 - a.Narrow(0, 0, 2)).ToInt64Array());
        // Broadcast and in place.
        var m = Tensor.FromArray([1L, 2, 3, 4], [2, 2]);
        Assert.Equal([11L, 22, 13, 24], (m + Tensor.FromArray([10L, 20])).ToInt64Array());
        m.AddInPlace(Tensor.FromArray([1L, 1]));
        Assert.Equal([2L, 3, 4, 5], m.ToInt64Array());
        // A bool operand is promoted to the other operand's dtype, as in PyTorch.
        Assert.Equal([3L, 0, 5], (Tensor.FromArray([3L, 4, 5]) * Tensor.FromArray([true, false, true])).ToInt64Array());
        Assert.Equal([2.5, 0], (Tensor.FromArray([2.5, 4]) * Tensor.FromArray([true, false])).ToDoubleArray());
    }

    [Fact]
    public void Int64_and_bool_reductions_give_exact_results_and_argmax_gives_int64()
    {
        var a = Tensor.FromArray([(1L << 60) + 1, 2, 3, -4], [2, 2]);
        Assert.Equal((1L << 60) + 2, a.Sum().ToInt64Array()[0]);
        Assert.Equal([(1L << 60) + 3, -1], a.Sum(1).ToInt64Array());
        Assert.Equal([(1L << 60) + 1, 2], a.Max([0]).ToInt64Array());
        Assert.Equal([3L, -4], a.Min([0]).ToInt64Array());
        var (values, indices) = a.Max(1);
        Assert.Equal([(1L << 60) + 1, 3], values.ToInt64Array());
        Assert.Equal([0L, 0], indices.ToInt64Array());
        Assert.Equal([1L, 1], a.ArgMin(1).ToInt64Array());
        Assert.Equal(DType.Int64, Tensor.FromArray([0.5, 2.5]).ArgMax().DType);
        var mask = Tensor.FromArray([true, true, false, true]);
        Assert.Equal(DType.Int64, mask.Sum().DType);
        Assert.Equal(3, mask.Sum().Item());
        Assert.Equal([1L, 2], mask.Reshape(2, 2).Sum(0).ToInt64Array());
        // NaN counts as the maximum for argmax, as PyTorch.
        Assert.Equal(1, Tensor.FromArray([1.0, double.NaN, 3]).ArgMax().Item());
    }

    [Fact]
    public void Ops_that_need_floats_refuse_int64_and_bool_naming_the_op_and_the_fix()
    {
        var i = Tensor.FromArray([1L, 2]);
        var f = Tensor.FromArray([1f, 2f]);
        var b = Tensor.FromArray([true, false]);
        Assert.Contains("exp: not defined for int64", Assert.Throws<ArgumentException>(() => i.Exp()).Message);
        Assert.Contains("To(DType.Float32)", Assert.Throws<ArgumentException>(() => i.Exp()).Message);
        var mixed = Assert.Throws<ArgumentException>(() => i + f).Message;
        Assert.Contains("add: dtypes differ: int64 [2] and float32 [2]", mixed);
        Assert.Contains("To(DType.Float32)", mixed);
        Assert.Contains("div: not defined for int64", Assert.Throws<ArgumentException>(() => i / i).Message);
        Assert.Contains("To(DType.Float32)", Assert.Throws<ArgumentException>(() => i * 0.5).Message);
        Assert.Contains("To(DType.Float32)", Assert.Throws<ArgumentException>(() => i / 2).Message);
        Assert.Contains("add: not defined for bool", Assert.Throws<ArgumentException>(() => b + b).Message);
        Assert.Contains("bool", Assert.Throws<ArgumentException>(() => b * 2).Message);
        Assert.Contains("softmax: not defined for int64", Assert.Throws<ArgumentException>(() => i.Softmax()).Message);
        Assert.Contains("matmul: not defined for int64", Assert.Throws<ArgumentException>(() => i.Reshape(1, 2).MatMul(i.Reshape(2, 1))).Message);
        Assert.Contains("argmax: not defined for bool", Assert.Throws<ArgumentException>(() => b.ArgMax()).Message);
    }

    [Fact]
    public void Index_tensors_must_be_int64_with_a_message_naming_the_dtype()
    {
        var x = Tensor.Arange(6, DType.Float64).Reshape(2, 3);
        var floatIndex = Tensor.FromArray([0f, 1f], [2, 1]);
        Assert.Contains("gather: index tensor must be int64, got float32", Assert.Throws<ArgumentException>(() => x.Gather(1, floatIndex)).Message);
        Assert.Contains("scatter_add: index tensor must be int64, got float32", Assert.Throws<ArgumentException>(() => x.ScatterAdd(1, floatIndex, Tensor.Zeros([2, 1], DType.Float64))).Message);
        Assert.Contains("index_select: index tensor must be int64, got float64", Assert.Throws<ArgumentException>(() => x.IndexSelect(0, Tensor.FromArray([1.0]))).Message);
        Assert.Contains("one_hot: index tensor must be int64, got float64", Assert.Throws<ArgumentException>(() => Tensor.OneHot(Tensor.FromArray([1.0]), 3)).Message);
        Assert.Contains("index 2 is out of range for axis 0 of size 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(0, Tensor.FromArray([2L]))).Message);
        Assert.Contains("topk: k = 4 is out of range", Assert.Throws<ArgumentOutOfRangeException>(() => x.TopK(4)).Message);
    }

    [Fact]
    public void Gather_index_select_scatter_add_and_sort_work_for_int64_and_bool_values()
    {
        var x = Tensor.FromArray([10L, 20, 30, 40], [2, 2]);
        Assert.Equal([20L, 30], x.Gather(1, Tensor.FromArray([1L, 0], [2, 1])).ToInt64Array());
        Assert.Equal([30L, 40, 10, 20], x.IndexSelect(0, Tensor.FromArray([1L, 0])).ToInt64Array());
        Assert.Equal([13L, 20, 30, 47], x.ScatterAdd(1, Tensor.FromArray([0L, 0, 1, 1], [2, 2]), Tensor.FromArray([1L, 2, 3, 4], [2, 2])).ToInt64Array());
        var (values, indices) = Tensor.FromArray([3L, 1, 3, 2]).Sort(descending: true);
        Assert.Equal([3L, 3, 2, 1], values.ToInt64Array());
        Assert.Equal([0L, 2, 3, 1], indices.ToInt64Array());
        Assert.Equal([1L, 3, 0, 2], Tensor.FromArray([3L, 1, 3, 2]).ArgSort().ToInt64Array());
        Assert.Equal([true, true], Tensor.FromArray([true, false]).Gather(0, Tensor.FromArray([0L, 0])).ToBoolArray());
        // NaN sorts last ascending and first descending, as PyTorch.
        Assert.Equal([1L, 2, 0], Tensor.FromArray([double.NaN, -1, 2]).ArgSort().ToInt64Array());
        Assert.Equal([0L, 2, 1], Tensor.FromArray([double.NaN, -1, 2]).ArgSort(descending: true).ToInt64Array());
    }

    [Fact]
    public void Sort_is_stable_on_long_rows_with_many_ties()
    {
        var n = 300;
        var data = new long[n];
        for (var k = 0; k < n; k++)
        {
            data[k] = (k * 7919) % 5;
        }

        var (values, indices) = Tensor.FromArray(data).Sort();
        var expected = Enumerable.Range(0, n).OrderBy(k => data[k]).Select(k => (long)k).ToArray(); // OrderBy is stable
        Assert.Equal(expected, indices.ToInt64Array());
        Assert.Equal(expected.Select(k => data[k]).ToArray(), values.ToInt64Array());
        var descending = Enumerable.Range(0, n).OrderByDescending(k => data[k]).Select(k => (long)k).ToArray();
        Assert.Equal(descending, Tensor.FromArray(data).Sort(descending: true).Indices.ToInt64Array());
    }

    [Fact]
    public void Indexing_ops_with_int64_indices_pass_gradient_checks()
    {
        var x = TensorAssert.Random(31, [3, 5]);
        var index = Tensor.FromArray([4L, 0, 4, 1, 2, 2], [3, 2]);
        Check(xs => xs[0].Gather(1, index), x);
        Check(xs => xs[0].MT.Gather(0, index.MT.Narrow(1, 0, 2).Contiguous()), x);
        Check(xs => xs[0].IndexSelect(1, Tensor.FromArray([3L, 3, 0])), x);
        Check(xs => xs[0].ScatterAdd(1, index, xs[1]), x, TensorAssert.Random(32, [3, 2]));
        Check(xs => xs[0].Max(1).Values, x);
        Check(xs => xs[0].Min(0, keepDim: true).Values, x);
        Check(xs => xs[0].TopK(2, 1).Values, x);
        Check(xs => xs[0].TopK(2, 0, largest: false).Values, x);
        Check(xs => xs[0].Sort(1).Values * Tensor.Arange(5, DType.Float64), x);
        Check(xs => xs[0].Sort(0, descending: true).Values.Square(), x);
    }

    [Fact]
    public void Indexing_ops_pass_second_order_checks()
    {
        var x = TensorAssert.Random(33, [3, 4]);
        var index = Tensor.FromArray([1L, 3, 0, 0, 2, 1], [3, 2]);
        CheckSecondOrder(xs => xs[0].Gather(1, index).Square(), x);
        CheckSecondOrder(xs => xs[0].Sort(1).Values.Exp(), x);
        CheckSecondOrder(xs => xs[0].Max(0).Values.Square(), x);
        CheckSecondOrder(xs => Tensor.Zeros([3, 4], DType.Float64).ScatterAdd(1, index, xs[0].Narrow(1, 0, 2).Square()), x);
    }

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, result.ToString());
    }

    private static void CheckSecondOrder(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var result = GradCheck.CheckSecondOrder(f, inputs);
        Assert.True(result.Passed, result.ToString());
    }
}
