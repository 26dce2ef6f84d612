using Gradwire.Autograd;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Attention;

/// <summary>
/// The fused LayerNorm and attention nodes against central finite differences in float64 (first and second order)
/// and against their recorded-op twins.
/// </summary>
public sealed class AttentionGradientTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -1, 1, DType.Float64);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(1, false)]
    public void LayerNorm_backward_matches_finite_differences(int axes, bool affine)
    {
        var x = Random(1, 3, 4, 5) * 2;
        var shape = axes == 1 ? new[] { 5 } : [4, 5];
        var w = Random(2, shape) + 1.5;
        var b = Random(3, shape);
        var result = affine
            ? GradCheck.Check(t => LayerNormFunction.Apply(t[0], axes, t[1], t[2], 1e-5), [x, w, b])
            : GradCheck.Check(t => LayerNormFunction.Apply(t[0], axes, null, null, 1e-5), [x]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void LayerNorm_second_derivatives_match_finite_differences()
    {
        var x = Random(4, 2, 5);
        var w = Random(5, 5) + 1.5;
        var b = Random(6, 5);
        var result = GradCheck.CheckSecondOrder(t => LayerNormFunction.Apply(t[0], 1, t[1], t[2], 1e-5).Tanh(), [x, w, b]);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(DType.Float64, 1e-12)]
    [InlineData(DType.Float32, 1e-5)]
    public void LayerNorm_fused_kernels_equal_the_tensor_op_twin(DType dtype, double tolerance)
    {
        var x = (Random(7, 6, 33) * 3).To(dtype);
        var w = (Random(8, 33) + 1).To(dtype);
        var b = Random(9, 33).To(dtype);
        var g = Random(10, 6, 33).To(dtype);
        var grads = new List<Tensor>();
        foreach (var fused in new[] { true, false })
        {
            var (xl, wl, bl) = (x.Clone().Detach(), w.Clone().Detach(), b.Clone().Detach());
            xl.RequiresGrad = wl.RequiresGrad = bl.RequiresGrad = true;
            var y = fused ? LayerNormFunction.Apply(xl, 1, wl, bl, 1e-5) : LayerNormFunction.Composite(xl, 1, wl, bl, 1e-5);
            y.Backward(g);
            grads.AddRange([y.Detach(), xl.Grad!, wl.Grad!, bl.Grad!]);
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.True(grads[i].AllClose(grads[i + 4], tolerance, tolerance), $"tensor {i}");
        }
    }

    public static TheoryData<string> Masks() => new() { "none", "bool", "float", "causal" };

    private static (Tensor? Mask, bool Causal) MaskFor(string kind) => kind switch
    {
        "bool" => (Tensor.FromArray([true, false, true, true, true, false, true, true, false, true, true, true], new Shape(3, 4)), false),
        "float" => (Random(11, 2, 1, 3, 4), false),
        "causal" => (null, true),
        _ => (null, false),
    };

    [Theory]
    [MemberData(nameof(Masks))]
    public void Attention_backward_matches_finite_differences(string maskKind)
    {
        var (mask, causal) = MaskFor(maskKind);
        var q = Random(12, 2, 2, 3, 5);
        var k = Random(13, 2, 2, 4, 5);
        var v = Random(14, 2, 2, 4, 3);
        var result = GradCheck.Check(t => AttentionFunction.Apply(t[0], t[1], t[2], mask, 0, causal, null, null), [q, k, v]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Attention_second_derivatives_match_finite_differences()
    {
        var q = Random(15, 1, 3, 4);
        var k = Random(16, 1, 3, 4);
        var v = Random(17, 1, 3, 2);
        var result = GradCheck.CheckSecondOrder(t => AttentionFunction.Apply(t[0], t[1], t[2], null, 0, true, null, null), [q, k, v]);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Masks))]
    public void Fused_attention_equals_its_tensor_op_twin_with_and_without_dropout(string maskKind)
    {
        var (mask, causal) = MaskFor(maskKind);
        var g = Random(18, 2, 2, 3, 3);
        foreach (var dropout in new[] { 0.0, 0.3 })
        {
            var results = new List<Tensor>();
            foreach (var fused in new[] { true, false })
            {
                var q = Random(12, 2, 2, 3, 5);
                var k = Random(13, 2, 2, 4, 5);
                var v = Random(14, 2, 2, 4, 3);
                q.RequiresGrad = k.RequiresGrad = v.RequiresGrad = true;
                var generator = new Generator(99);
                var y = fused
                    ? AttentionFunction.Apply(q, k, v, mask, dropout, causal, generator, null)
                    : AttentionFunction.Composite(q, k, v, mask, dropout, causal, generator, null).Output;
                y.Backward(g);
                results.AddRange([y.Detach(), q.Grad!, k.Grad!, v.Grad!]);
            }

            for (var i = 0; i < 4; i++)
            {
                Assert.True(results[i].AllClose(results[i + 4], 1e-12, 1e-12), $"dropout {dropout}, tensor {i}");
            }
        }
    }

    [Fact]
    public void Causal_attention_equals_an_explicit_lower_triangular_bool_mask()
    {
        var q = Random(19, 2, 5, 4);
        var k = Random(20, 2, 5, 4);
        var v = Random(21, 2, 5, 3);
        var causal = Gradwire.NN.Attention.ScaledDotProductAttention(q, k, v, isCausal: true);
        var masked = Gradwire.NN.Attention.ScaledDotProductAttention(q, k, v, AttentionFunction.CausalMask(5, 5));
        Assert.True(causal.AllClose(masked, 1e-14, 1e-14));
    }

    [Fact]
    public void Batched_products_spread_over_threads_equal_the_one_thread_result_exactly()
    {
        var q = Random(24, 4, 3, 17, 8).To(DType.Float32);
        var k = Random(25, 4, 3, 19, 8).To(DType.Float32);
        Tensor one, two;
        using (Gradwire.Kernels.Compute.WithThreads(1))
        {
            one = q.MatMul(k.MT);
        }

        using (Gradwire.Kernels.Compute.WithThreads(2))
        {
            two = q.MatMul(k.MT);
        }

        Assert.Equal(one.ToFloatArray(), two.ToFloatArray());
    }

    [Fact]
    public void Bad_attention_inputs_name_the_op_and_the_shapes()
    {
        var q = Random(22, 2, 3, 4);
        var k = Random(23, 2, 5, 3);
        var ex = Assert.Throws<ArgumentException>(() => Gradwire.NN.Attention.ScaledDotProductAttention(q, k, k));
        Assert.Contains("scaled_dot_product_attention", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[2,5,3]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gradwire.NN.Attention.ScaledDotProductAttention(q, q, q, dropoutP: 0.1));
        Assert.Throws<ArgumentException>(() => new LayerNorm(5).Forward(q));
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(6, 4, new Generator(1)));
    }
}
