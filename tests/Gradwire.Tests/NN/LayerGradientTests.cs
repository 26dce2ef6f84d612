using Gradwire.Autograd;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Every layer's backward against central finite differences in float64 (GradCheck), first and second order.</summary>
public sealed class LayerGradientTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -1, 1, DType.Float64);

    [Theory]
    [InlineData(4, 2, 8)] // the XOR net: the small-problem loops
    [InlineData(3, 5, 1)]
    [InlineData(64, 40, 30)] // large enough for the packed GEMM
    public void Linear_backward_matches_finite_differences_for_input_weight_and_bias(int rows, int inputs, int outputs)
    {
        var x = Random(1, rows, inputs);
        var w = Random(2, outputs, inputs);
        var b = Random(3, outputs);
        var result = GradCheck.Check(xs => LinearFunction.Apply(xs[0], xs[1], xs[2]), [x, w, b]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Linear_without_bias_and_with_a_batch_axis_matches_finite_differences()
    {
        var x = Random(4, 2, 3, 5);
        var w = Random(5, 4, 5);
        var result = GradCheck.Check(xs => LinearFunction.Apply(xs[0], xs[1], null), [x, w]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Linear_second_derivatives_match_finite_differences()
    {
        var x = Random(6, 3, 4);
        var w = Random(7, 2, 4);
        var b = Random(8, 2);
        var result = GradCheck.CheckSecondOrder(xs => LinearFunction.Apply(xs[0], xs[1], xs[2]).Tanh(), [x, w, b]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Linear_forward_equals_matmul_with_the_transposed_weight_plus_bias()
    {
        var x = Random(9, 70, 33);
        var w = Random(10, 17, 33);
        var b = Random(11, 17);
        var fused = LinearFunction.Apply(x, w, b);
        var composite = x.MatMul(w.MT) + b;
        Assert.True(fused.AllClose(composite, 1e-12, 1e-12));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("gelu")]
    [InlineData("softmax")]
    public void Activation_modules_match_finite_differences(string name)
    {
        var module = Activations.Create(Activations.Parse(name))!;

        // Away from ReLU's kink at 0, where the derivative is undefined.
        var x = Random(12, 3, 4) + 0.05;
        var result = GradCheck.Check(t => module.Forward(t), x);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void An_mlp_matches_finite_differences_through_every_parameter()
    {
        var model = Mlp.Create([3, 5, 4, 2], Activation.Tanh, new Generator(13), dtype: DType.Float64);
        var x = Random(14, 6, 3);
        var parameters = model.Parameters().Select(p => p.Value).ToArray();
        var result = GradCheck.Check(
            xs =>
            {
                // Put the perturbed copies into the model's places and run it.
                var h = LinearFunction.Apply(x, xs[0], xs[1]).Tanh();
                h = LinearFunction.Apply(h, xs[2], xs[3]).Tanh();
                return LinearFunction.Apply(h, xs[4], xs[5]);
            },
            parameters);
        Assert.True(result.Passed, result.ToString());
    }
}
