using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class ShapeAndCreationTests
{
    [Fact]
    public void Shape_prints_as_bracketed_sizes_and_compares_by_value()
    {
        Shape s = [3, 4];
        Assert.Equal("[3,4]", s.ToString());
        Assert.Equal("[]", Shape.Scalar.ToString());
        Assert.Equal(new Shape(3, 4), s);
        Assert.NotEqual(new Shape(4, 3), s);
        Assert.Equal(12, s.Numel);
        Assert.Equal(4, s[-1]);
    }

    [Fact]
    public void Negative_sizes_are_rejected_with_the_axis()
    {
        var e = Assert.Throws<ArgumentException>(() => new Shape(2, -1));
        Assert.Contains("axis 1 has size -1", e.Message);
    }

    [Fact]
    public void Zeros_ones_full_and_scalar_have_the_requested_shape_and_values()
    {
        TensorAssert.Values([0, 0, 0, 0, 0, 0], Tensor.Zeros([2, 3]));
        TensorAssert.Values([1, 1], Tensor.Ones([2], DType.Float64));
        TensorAssert.Values([2.5, 2.5], Tensor.Full([1, 2], 2.5));
        Assert.Equal(0, Tensor.Scalar(7).Rank);
        Assert.Equal(7, Tensor.Scalar(7).Item());
        Assert.Equal(DType.Float64, Tensor.Ones([2], DType.Float64).DType);
        Assert.Equal(DType.Float32, Tensor.Ones([2]).DType);
    }

    [Fact]
    public void Arange_linspace_and_eye_follow_numpy()
    {
        TensorAssert.Values([0, 1, 2, 3, 4], Tensor.Arange(5));
        TensorAssert.Values([1, 1.5, 2, 2.5], Tensor.Arange(1, 3, 0.5));
        TensorAssert.Values([5, 3], Tensor.Arange(5, 1, -2));
        TensorAssert.Values([0, 0.25, 0.5, 0.75, 1], Tensor.Linspace(0, 1, 5));
        TensorAssert.Values([1, 0, 0, 0, 1, 0], Tensor.Eye(2, 3));
    }

    [Fact]
    public void FromArray_copies_the_data_and_checks_its_length()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var t = Tensor.FromArray(data, [2, 3]);
        data[0] = 100;
        TensorAssert.Values([1, 2, 3, 4, 5, 6], t);
        TensorAssert.Values([1, 2, 3, 4], Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }));
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], [2, 3]));
        Assert.Contains("5 values cannot fill shape [2,3]", e.Message);
    }

    [Fact]
    public void Random_tensors_are_reproducible_from_the_seed_and_differ_across_seeds()
    {
        var a = Tensor.Normal([100], new Generator(42)).ToFloatArray();
        var b = Tensor.Normal([100], new Generator(42)).ToFloatArray();
        var c = Tensor.Normal([100], new Generator(43)).ToFloatArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Uniform_normal_and_bernoulli_have_the_requested_statistics()
    {
        var g = new Generator(7);
        var u = Tensor.Uniform([20000], g, -2, 4, DType.Float64);
        Assert.InRange(u.Min().Item(), -2, -1.99);
        Assert.InRange(u.Max().Item(), 3.99, 4);
        Assert.InRange(u.Mean().Item(), 0.95, 1.05);
        var n = Tensor.Normal([20000], g, 3, 2, DType.Float64);
        Assert.InRange(n.Mean().Item(), 2.95, 3.05);
        Assert.InRange(n.Std().Item(), 1.95, 2.05);
        var bern = Tensor.Bernoulli([20000], g, 0.3);
        Assert.InRange(bern.Mean().Item(), 0.29, 0.31);
        Assert.Equal(bern.Numel, (int)(bern.Eq(0).Sum().Item() + bern.Eq(1).Sum().Item()));
    }

    [Fact]
    public void Xavier_and_kaiming_scale_by_the_fans_like_pytorch()
    {
        // [out=200, in=100]: Xavier bound √(6/300), Kaiming-uniform (ReLU) bound √2·√(3/100).
        var g = new Generator(1);
        var xavier = Tensor.XavierUniform([200, 100], g, dtype: DType.Float64);
        Assert.InRange(xavier.Abs().Max().Item(), 0.99 * Math.Sqrt(6.0 / 300), Math.Sqrt(6.0 / 300));
        var kaiming = Tensor.KaimingUniform([200, 100], g, dtype: DType.Float64);
        Assert.InRange(kaiming.Abs().Max().Item(), 0.99 * Math.Sqrt(6.0 / 100), Math.Sqrt(6.0 / 100));
        var kn = Tensor.KaimingNormal([400, 100], g, dtype: DType.Float64);
        Assert.InRange(kn.Std().Item(), 0.97 * Math.Sqrt(2.0 / 100), 1.03 * Math.Sqrt(2.0 / 100));
        var xn = Tensor.XavierNormal([400, 100], g, dtype: DType.Float64);
        Assert.InRange(xn.Std().Item(), 0.97 * Math.Sqrt(2.0 / 500), 1.03 * Math.Sqrt(2.0 / 500));
        Assert.Throws<ArgumentException>(() => Tensor.XavierUniform([5], g));
    }

    [Fact]
    public void Generator_integers_are_in_range_and_shuffle_is_a_permutation()
    {
        var g = new Generator(3);
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(g.NextInt(7), 0, 6);
        }

        var items = Enumerable.Range(0, 50).ToArray();
        g.Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
    }
}
