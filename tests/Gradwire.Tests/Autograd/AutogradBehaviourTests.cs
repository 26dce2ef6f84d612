using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Autograd;

public sealed class AutogradBehaviourTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.FromArray(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void Backward_of_x_plus_y_times_z_gives_the_guides_numbers()
    {
        // The guide's (x + y)·z at x = −2, y = 5, z = −4: ∂/∂x = ∂/∂y = −4, ∂/∂z = 3.
        var x = Leaf(-2);
        var y = Leaf(5);
        var z = Leaf(-4);
        var f = ((x + y) * z).Sum();
        Assert.Equal(-12, f.Item());
        f.Backward();
        Assert.Equal(-4, x.Grad!.Item());
        Assert.Equal(-4, y.Grad!.Item());
        Assert.Equal(3, z.Grad!.Item());
    }

    [Fact]
    public void Pow_gradient_wrt_the_base_is_zero_where_the_exponent_is_zero_even_at_a_zero_base()
    {
        // PyTorch: d(aᵇ)/da = 0 where b = 0 (not 0·0⁻¹ = NaN); elsewhere b·aᵇ⁻¹.
        var a = Leaf(0, 0, 2);
        var b = Leaf(0, 2, 0.5);
        Tensor.Pow(a, b).Sum().Backward();
        var grad = a.Grad!.ToDoubleArray();
        Assert.Equal(0, grad[0]);
        Assert.Equal(0, grad[1]);
        Assert.Equal(0.5 / Math.Sqrt(2), grad[2], 12);
        Assert.False(double.IsNaN(b.Grad!.ToDoubleArray()[0]));
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls_and_a_wire_used_twice()
    {
        var a = Leaf(3);
        (a * a).Sum().Backward();
        Assert.Equal(6, a.Grad!.Item());
        (a * a).Sum().Backward();
        Assert.Equal(12, a.Grad!.Item());
        a.ZeroGrad();
        Assert.Equal(0, a.Grad!.Item());
    }

    [Fact]
    public void Non_scalar_outputs_need_a_gradient_argument()
    {
        var x = Leaf(1, 2, 3);
        var y = x * 2;
        var e = Assert.Throws<ArgumentException>(() => y.Backward());
        Assert.Contains("pass a gradient of that shape", e.Message);
        y.Backward(Tensor.FromArray([1.0, 10, 100]));
        TensorAssert.Values([2, 20, 200], x.Grad!);
        Assert.Contains("gradient has shape [2]", Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones([2], DType.Float64))).Message);
    }

    [Fact]
    public void Broadcast_backward_sums_back_to_the_input_shape()
    {
        var bias = Leaf(1, 2, 3);
        var x = Tensor.Ones([4, 3], DType.Float64);
        (x + bias).Sum().Backward();
        TensorAssert.Shape([3], bias.Grad!);
        TensorAssert.Values([4, 4, 4], bias.Grad!);
    }

    [Fact]
    public void NoGrad_records_nothing_and_Detach_cuts_the_graph()
    {
        var w = Leaf(1, 2);
        using (Tensor.NoGrad())
        {
            var y = w * 3;
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
            Assert.False(Tensor.IsGradEnabled);
            using (Tensor.EnableGrad())
            {
                Assert.True((w * 3).RequiresGrad);
            }
        }

        Assert.True(Tensor.IsGradEnabled);
        var d = (w * 3).Detach();
        Assert.False(d.RequiresGrad);
        var z = (d * w).Sum();
        z.Backward();
        TensorAssert.Values([3, 6], w.Grad!);
    }

    [Fact]
    public void Modifying_a_saved_tensor_in_place_makes_backward_throw_naming_the_op()
    {
        var w = Leaf(1, 2);
        var a = Tensor.FromArray([3.0, 4]);
        var y = (w * a).Sum();
        a.MulInPlace(2);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("mul: a tensor of shape [2] saved for backward was modified in place", e.Message);
    }

    [Fact]
    public void Modifying_a_leaf_that_requires_grad_in_place_is_refused_outside_NoGrad()
    {
        var w = Leaf(1, 2);
        var e = Assert.Throws<InvalidOperationException>(() => w.AddInPlace(1));
        Assert.Contains("AddInPlace: cannot modify a tensor that requires grad", e.Message);
        Assert.Contains("Tensor.NoGrad()", e.Message);
        using (Tensor.NoGrad())
        {
            w.AddInPlace(Tensor.FromArray([0.5, 0.5]), alpha: -2);
        }

        TensorAssert.Values([0, 1], w);
    }

    [Fact]
    public void RequiresGrad_can_only_be_set_on_leaves_and_backward_needs_a_graph()
    {
        var w = Leaf(1);
        var y = w * 2;
        Assert.Contains("only be set on a leaf", Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false).Message);
        Assert.Contains("does not require grad", Assert.Throws<InvalidOperationException>(() => Tensor.Ones([1]).Sum().Backward()).Message);
        Assert.Equal("mul", y.Op);
        Assert.Equal("", w.Op);
    }

    [Fact]
    public void A_deep_chain_backpropagates_without_recursion()
    {
        var x = Leaf(0.5);
        var y = x;
        for (var i = 0; i < 20000; i++)
        {
            y = y * 1.0;
        }

        y.Sum().Backward();
        Assert.Equal(1, x.Grad!.Item());
    }

    [Fact]
    public void Same_seed_gives_bit_identical_gradients()
    {
        static float[] Run()
        {
            var g = new Generator(99);
            var w = Tensor.Normal([8, 4], g);
            w.RequiresGrad = true;
            var x = Tensor.Normal([16, 4], g);
            x.MatMul(w.MT).Tanh().LogSoftmax().Mean().Backward();
            return w.Grad!.ToFloatArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Max_routes_the_gradient_to_the_first_argument_at_a_tie()
    {
        var a = Leaf(2, 1);
        var b = Leaf(2, 3);
        Tensor.Max(a, b).Sum().Backward();
        TensorAssert.Values([1, 0], a.Grad!);
        TensorAssert.Values([0, 1], b.Grad!);
        var r = Leaf(0);
        r.Relu().Sum().Backward();
        Assert.Equal(0, r.Grad!.Item());
    }

    [Fact]
    public void Max_reduction_splits_the_gradient_evenly_among_ties()
    {
        var x = Leaf(1, 3, 3);
        x.Max().Backward();
        TensorAssert.Values([0, 0.5, 0.5], x.Grad!);
    }

    [Fact]
    public void Casting_to_float32_and_back_passes_the_gradient_through()
    {
        var x = Leaf(1.5, -2);
        (x.To(DType.Float32) * 3).To(DType.Float64).Sum().Backward();
        Assert.Equal(DType.Float64, x.Grad!.DType);
        TensorAssert.Values([3, 3], x.Grad!);
    }

    [Fact]
    public void ZeroGrad_keeps_the_buffer_and_the_next_backward_overwrites_it()
    {
        var w = Leaf(1, 2, 3);
        (w * w).Sum().Backward();
        var buffer = w.Grad;
        w.ZeroGrad();
        (w * 5).Sum().Backward();
        Assert.Same(buffer, w.Grad);
        TensorAssert.Values([5, 5, 5], w.Grad!);
        (w * 5).Sum().Backward();
        TensorAssert.Values([10, 10, 10], w.Grad!);
        w.ZeroGrad(setToNull: true);
        Assert.Null(w.Grad);
    }

    [Fact]
    public void MaskedFill_replaces_masked_entries_and_blocks_their_gradient()
    {
        var x = Leaf(1, 2, 3);
        var y = x.MaskedFill(x.Gt(1.5), -1);
        TensorAssert.Values([1, -1, -1], y);
        y.Sum().Backward();
        TensorAssert.Values([1, 0, 0], x.Grad!);
    }

    [Fact]
    public void Separate_graphs_on_separate_threads_backpropagate_independently()
    {
        static double[] Run(ulong seed)
        {
            var g = new Generator(seed);
            var w = Tensor.Normal([16, 8], g, dtype: DType.Float64);
            w.RequiresGrad = true;
            var x = Tensor.Normal([32, 8], g, dtype: DType.Float64);
            for (var i = 0; i < 50; i++)
            {
                w.ZeroGrad();
                x.MatMul(w.MT).Tanh().LogSoftmax().Mean().Backward();
            }

            return w.Grad!.ToDoubleArray();
        }

        var expected = new[] { Run(1), Run(2) };
        var results = new double[2][];
        Parallel.For(0, 2, i => results[i] = Run((ulong)i + 1));
        Assert.Equal(expected[0], results[0]);
        Assert.Equal(expected[1], results[1]);
    }
}
