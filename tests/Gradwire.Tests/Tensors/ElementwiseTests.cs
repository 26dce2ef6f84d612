using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class ElementwiseTests
{
    public static TheoryData<string> UnaryOps => new()
    {
        "neg", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
        "asinh", "acosh", "atanh", "sigmoid", "relu", "abs", "log1p", "expm1",
    };

    internal static (Func<Tensor, Tensor> Op, Func<double, double> Reference, double Low, double High) Unary(string name) => name switch
    {
        "neg" => (x => -x, x => -x, -2, 2),
        "sqrt" => (x => x.Sqrt(), Math.Sqrt, 0.1, 3),
        "exp" => (x => x.Exp(), Math.Exp, -2, 2),
        "log" => (x => x.Log(), Math.Log, 0.1, 3),
        "sin" => (x => x.Sin(), Math.Sin, -3, 3),
        "cos" => (x => x.Cos(), Math.Cos, -3, 3),
        "tan" => (x => x.Tan(), Math.Tan, -1.2, 1.2),
        "asin" => (x => x.Asin(), Math.Asin, -0.9, 0.9),
        "acos" => (x => x.Acos(), Math.Acos, -0.9, 0.9),
        "atan" => (x => x.Atan(), Math.Atan, -3, 3),
        "sinh" => (x => x.Sinh(), Math.Sinh, -2, 2),
        "cosh" => (x => x.Cosh(), Math.Cosh, -2, 2),
        "tanh" => (x => x.Tanh(), Math.Tanh, -2, 2),
        "asinh" => (x => x.Asinh(), Math.Asinh, -2, 2),
        "acosh" => (x => x.Acosh(), Math.Acosh, 1.1, 3),
        "atanh" => (x => x.Atanh(), Math.Atanh, -0.9, 0.9),
        "sigmoid" => (x => x.Sigmoid(), x => 1 / (1 + Math.Exp(-x)), -4, 4),
        "relu" => (x => x.Relu(), x => Math.Max(0, x), -2, 2),
        "abs" => (x => x.Abs(), Math.Abs, -2, 2),
        "log1p" => (x => x.Log1p(), x => Math.Log(1 + x), -0.9, 3),
        "expm1" => (x => x.Expm1(), x => Math.Exp(x) - 1, -2, 2),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Every_unary_op_matches_System_Math_in_both_dtypes(string name)
    {
        var (op, reference, low, high) = Unary(name);
        var x = TensorAssert.Random(11, [5, 7], low, high);
        var expected = Array.ConvertAll(x.ToDoubleArray(), v => reference(v));
        TensorAssert.Values(expected, op(x), 1e-12);
        TensorAssert.Values(expected, op(x.To(DType.Float32)), 1e-5);
        // Strided input (a transposed view) gives the same numbers.
        TensorAssert.Values(Array.ConvertAll(x.MT.Contiguous().ToDoubleArray(), v => reference(v)), op(x.MT), 1e-12);
    }

    [Fact]
    public void Binary_ops_broadcast_like_numpy()
    {
        var a = Tensor.Arange(6, DType.Float64).Reshape(2, 3);
        var row = Tensor.FromArray([10.0, 20, 30]);
        var column = Tensor.FromArray([1.0, 2], [2, 1]);
        TensorAssert.Values([10, 21, 32, 13, 24, 35], a + row);
        TensorAssert.Values([-1, 0, 1, 1, 2, 3], a - column);
        TensorAssert.Values([10, 20, 30, 20, 40, 60], column * row);
        TensorAssert.Values([0, 0.5, 1, 1.5, 2, 2.5], a / 2);
        TensorAssert.Values([1, 0.5, 1.0 / 3, 0.25, 0.2, 1.0 / 6], 1 / (a + 1));
        TensorAssert.Values([3, 2, 1, 0, -1, -2], 3 - a);
        TensorAssert.Values([0, 1, 4, 9, 16, 25], a.Pow(2));
        TensorAssert.Values([1, 2, 4, 8, 16, 32], Tensor.Pow(2, a));
        TensorAssert.Values([1, 1, 2, 3, 4, 5], Tensor.Max(a, Tensor.Scalar(1, DType.Float64)));
        TensorAssert.Values([0, 1, 1, 1, 1, 1], a.Minimum(1));
        TensorAssert.Values([Math.Atan2(0, 1), Math.Atan2(1, 1), Math.Atan2(2, 1)], Tensor.Atan2(a.Narrow(0, 0, 1).Reshape(3), Tensor.Ones([3], DType.Float64)));
        TensorAssert.Shape([4, 2, 3], Tensor.Zeros([4, 1, 1], DType.Float64) + a);
    }

    [Fact]
    public void Broadcast_failure_names_the_op_and_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, 3]) + Tensor.Zeros([4]));
        Assert.Contains("add: shapes [2,3] and [4] cannot be broadcast", e.Message);
        Assert.Contains("sizes 3 and 4", e.Message);
    }

    [Fact]
    public void Dtype_mismatch_names_both_dtypes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros([2]) * Tensor.Zeros([2], DType.Float64));
        Assert.Contains("mul: dtypes differ: float32 [2] and float64 [2]", e.Message);
    }

    [Fact]
    public void Comparisons_give_masks_and_where_and_clamp_select()
    {
        var x = Tensor.FromArray([-2.0, -0.5, 0, 0.5, 2]);
        TensorAssert.Values([0, 0, 0, 1, 1], x.Gt(0));
        TensorAssert.Values([1, 1, 1, 0, 0], x.Le(0));
        TensorAssert.Values([0, 0, 1, 0, 0], x.Eq(Tensor.Zeros([5], DType.Float64)));
        TensorAssert.Values([1, 1, 0, 1, 1], x.Ne(0));
        TensorAssert.Values([1, 1, 0, 0, 0], x.Lt(0));
        TensorAssert.Values([0, 0, 1, 1, 1], x.Ge(0));
        TensorAssert.Values([-1, -0.5, 0, 0.5, 1], x.Clamp(-1, 1));
        TensorAssert.Values([0, 0, 0, 0.5, 2], Tensor.Where(x.Gt(0), x, 0));
        TensorAssert.Values([-0.02, -0.005, 0, 0.5, 2], x.LeakyRelu(0.01), 1e-12);
        TensorAssert.Values([-1, -1, 0, 1, 1], x.Sign());
    }

    [Fact]
    public void Gelu_and_softplus_match_their_formulas()
    {
        var x = TensorAssert.Random(3, [20], -4, 4);
        var expectedGelu = Array.ConvertAll(x.ToDoubleArray(), v => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))));
        TensorAssert.Values(expectedGelu, x.Gelu("tanh"), 1e-12);
        var expectedSoftplus = Array.ConvertAll(x.ToDoubleArray(), v => Math.Log(1 + Math.Exp(v)));
        TensorAssert.Values(expectedSoftplus, x.Softplus(), 1e-12);
        Assert.Equal(1000, Tensor.Scalar(1000, DType.Float64).Softplus().Item(), 9);
    }

    [Fact]
    public void In_place_ops_write_through_views_and_bump_the_version()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64);
        var v0 = x.Version;
        x.AddInPlace(Tensor.FromArray([1.0, 2, 3]));
        x.MulInPlace(2).AddInPlace(1);
        x.AddInPlace(Tensor.Ones([2, 3], DType.Float64), alpha: -0.5);
        TensorAssert.Values([2.5, 4.5, 6.5, 2.5, 4.5, 6.5], x);
        x.MT.Narrow(0, 0, 1).ZeroInPlace();
        TensorAssert.Values([0, 4.5, 6.5, 0, 4.5, 6.5], x);
        x.DivInPlace(Tensor.FromArray([1.0, 2, 4])).SubInPlace(Tensor.Ones([3], DType.Float64)).ClampInPlace(0, 1);
        TensorAssert.Values([0, 1, 0.625, 0, 1, 0.625], x);
        x.CopyFrom(Tensor.FromArray([7.0, 8, 9]));
        TensorAssert.Values([7, 8, 9, 7, 8, 9], x);
        Assert.True(x.Version > v0 + 6);
        var e = Assert.Throws<ArgumentException>(() => x.AddInPlace(Tensor.Zeros([4, 2, 3], DType.Float64)));
        Assert.Contains("AddInPlace: shape [4,2,3] cannot be broadcast into shape [2,3]", e.Message);
    }

    [Fact]
    public void Large_tensors_split_across_threads_and_agree_with_the_small_path()
    {
        var a = TensorAssert.Random(5, [300, 700]).To(DType.Float32);
        var b = TensorAssert.Random(6, [700]).To(DType.Float32);
        var sum = (a + b).ToFloatArray();
        var av = a.ToFloatArray();
        var bv = b.ToFloatArray();
        for (var i = 0; i < sum.Length; i += 997)
        {
            Assert.Equal(av[i] + bv[i % 700], sum[i]);
        }

        var e = a.Exp().ToFloatArray();
        Assert.Equal(MathF.Exp(av[12345]), e[12345], 5);
    }
}
