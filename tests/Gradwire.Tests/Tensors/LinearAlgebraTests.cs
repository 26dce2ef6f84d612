using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class LinearAlgebraTests
{
    private static double[] NaiveMatMul(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var p = 0; p < k; p++)
                {
                    c[i * n + j] += a[i * k + p] * b[p * n + j];
                }
            }
        }

        return c;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 4, 5)]
    [InlineData(7, 1, 33)]
    [InlineData(17, 31, 2)]
    public void Matrix_product_matches_the_definition(int m, int k, int n)
    {
        var a = TensorAssert.Random(1, [m, k]);
        var b = TensorAssert.Random(2, [k, n]);
        TensorAssert.Values(NaiveMatMul(a.ToDoubleArray(), b.ToDoubleArray(), m, k, n), a.MatMul(b), 1e-12);
    }

    [Fact]
    public void Transposed_and_sliced_views_multiply_without_copies_and_agree()
    {
        var at = TensorAssert.Random(3, [5, 4]);
        var bt = TensorAssert.Random(4, [6, 5]);
        var a = at.MT;
        var b = bt.MT;
        var expected = NaiveMatMul(a.Contiguous().ToDoubleArray(), b.Contiguous().ToDoubleArray(), 4, 5, 6);
        TensorAssert.Values(expected, a.MatMul(b), 1e-12);
        var wide = TensorAssert.Random(5, [4, 9]);
        var narrowed = wide.Narrow(1, 2, 5);
        TensorAssert.Values(NaiveMatMul(narrowed.Contiguous().ToDoubleArray(), b.Contiguous().ToDoubleArray(), 4, 5, 6), narrowed.MatMul(b), 1e-12);
        var stepped = TensorAssert.Random(6, [4, 10]).Slice(1, 0, 10, 2);
        TensorAssert.Values(NaiveMatMul(stepped.Contiguous().ToDoubleArray(), b.Contiguous().ToDoubleArray(), 4, 5, 6), stepped.MatMul(b), 1e-12);
    }

    [Fact]
    public void Vectors_and_batches_follow_pytorch_semantics()
    {
        var v = Tensor.FromArray([1.0, 2, 3]);
        var w = Tensor.FromArray([4.0, 5, 6]);
        Assert.Equal(32, v.MatMul(w).Item());
        Assert.Equal(0, v.MatMul(w).Rank);
        var m = Tensor.Arange(6, DType.Float64).Reshape(3, 2);
        TensorAssert.Values([16, 22], v.MatMul(m));
        TensorAssert.Values([2, 3], m.MT.MatMul(Tensor.FromArray([0.0, 1, 0]).Unsqueeze(1)).Reshape(2));
        TensorAssert.Values([16, 22], m.MT.MatMul(v));
        var batch = TensorAssert.Random(7, [2, 1, 3, 4]);
        var rhs = TensorAssert.Random(8, [5, 4, 2]);
        var c = batch.MatMul(rhs);
        TensorAssert.Shape([2, 5, 3, 2], c);
        var expected = batch.Select(0, 1).Select(0, 0).MatMul(rhs.Select(0, 3));
        TensorAssert.Close(expected, c.Select(0, 1).Select(0, 3), 1e-12);
        TensorAssert.Values([4, 5, 6, 8, 10, 12, 12, 15, 18], Tensor.Outer(v, w));
        Assert.Equal(32, Tensor.Dot(v, w).Item());
    }

    [Fact]
    public void Mismatched_inner_dimensions_name_both_shapes_and_suggest_a_transpose()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([3, 4]).MatMul(Tensor.Zeros([5, 6])));
        Assert.Contains("matmul: [3,4] @ [5,6]: inner dimensions 4 and 5 differ", e.Message);
        Assert.Contains("transpose", e.Message);
        var b = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3, 4]).MatMul(Tensor.Zeros([3, 4, 5])));
        Assert.Contains("batch axes [2] and [3] cannot be broadcast", b.Message);
        Assert.Contains("vectors have different lengths 3 and 4", Assert.Throws<ArgumentException>(() => Tensor.Zeros([3]).MatMul(Tensor.Zeros([4]))).Message);
    }

    [Fact]
    public void Float32_matmul_agrees_with_float64()
    {
        var a = TensorAssert.Random(9, [33, 65]);
        var b = TensorAssert.Random(10, [65, 31]);
        TensorAssert.Close(a.MatMul(b), a.To(DType.Float32).MatMul(b.To(DType.Float32)), 1e-4);
    }

    [Fact]
    public void Empty_dimensions_give_zeros_or_empty_results()
    {
        TensorAssert.Values(new double[12], Tensor.Zeros([3, 0], DType.Float64).MatMul(Tensor.Zeros([0, 4], DType.Float64)));
        TensorAssert.Shape([0, 4], Tensor.Zeros([0, 5]).MatMul(Tensor.Ones([5, 4])));
        TensorAssert.Shape([2, 0, 3], Tensor.Zeros([2, 0, 5]).MatMul(Tensor.Ones([5, 3])));
        var nan = Tensor.Full([2, 0], double.NaN, DType.Float64).MatMul(Tensor.Zeros([0, 2], DType.Float64));
        TensorAssert.Values([0, 0, 0, 0], nan);
    }
}
