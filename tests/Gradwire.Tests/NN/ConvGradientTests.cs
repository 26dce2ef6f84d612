using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Finite-difference checks in float64 of the conv, pool, pad, unfold and fold gradients, first and second order.</summary>
public sealed class ConvGradientTests
{
    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var r = GradCheck.Check(f, inputs);
        Assert.True(r.Passed, r.ToString());
    }

    private static void CheckSecond(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var r = GradCheck.CheckSecondOrder(f, inputs);
        Assert.True(r.Passed, r.ToString());
    }

    [Fact]
    public void Conv2d_gradients_of_input_weight_and_bias_match_finite_differences()
    {
        var x = TensorAssert.Random(1, [2, 4, 5, 6]);
        var w = TensorAssert.Random(2, [4, 2, 3, 2]);
        var b = TensorAssert.Random(3, [4]);
        Check(t => Functional.Conv2d(t[0], t[1], t[2], (2, 1), (1, 1), (1, 2), 2), x, w, b);
        Check(t => Functional.Conv2d(t[0], t[1], t[2], "same", groups: 2), x, w, b);
    }

    [Fact]
    public void Conv2d_double_backward_matches_finite_differences_of_the_gradient()
    {
        // The backward of conv is matmul + fold: differentiating it again checks the whole chain under createGraph.
        var x = TensorAssert.Random(4, [1, 2, 4, 4]);
        var w = TensorAssert.Random(5, [3, 2, 3, 3]);
        var b = TensorAssert.Random(6, [3]);
        CheckSecond(t => Functional.Conv2d(t[0], t[1], t[2], padding: 1).Tanh(), x, w, b);
    }

    [Fact]
    public void Conv1d_and_transposed_conv_gradients_match_finite_differences()
    {
        var x1 = TensorAssert.Random(7, [2, 2, 7]);
        var w1 = TensorAssert.Random(8, [3, 2, 3]);
        Check(t => Functional.Conv1d(t[0], t[1], null, stride: 2, padding: 1), x1, w1);
        var x = TensorAssert.Random(9, [1, 4, 3, 3]);
        var w = TensorAssert.Random(10, [4, 1, 3, 3]);
        var b = TensorAssert.Random(11, [2]);
        Check(t => Functional.ConvTranspose2d(t[0], t[1], t[2], stride: 2, padding: 1, outputPadding: 1, groups: 2), x, w, b);
        CheckSecond(t => Functional.ConvTranspose2d(t[0], t[1], t[2], stride: 2, groups: 2).Sin(), x, w, b);
    }

    [Fact]
    public void Pooling_gradients_match_finite_differences()
    {
        // Distinct values keep every window's maximum unique, so the max is differentiable there.
        var x = Tensor.Arange(0, 2 * 3 * 7 * 6, 1, DType.Float64).Sin().Reshape(2, 3, 7, 6);
        Check(t => Functional.MaxPool2d(t[0], 3, 2, 1, ceilMode: true), x);
        Check(t => Functional.MaxPool1d(t[0].Reshape(2, 3, 42), 4, 3, 2), x);
        Check(t => Functional.AvgPool2d(t[0], 3, 2, 1, ceilMode: true, countIncludePad: false), x);
        Check(t => Functional.AdaptiveAvgPool2d(t[0], (4, 5)), x);
        CheckSecond(t => Functional.MaxPool2d(t[0].Square(), 2), x);
        CheckSecond(t => Functional.AvgPool2d(t[0].Square(), 2, 1, 1), x);
    }

    [Fact]
    public void Pad_unfold_and_fold_gradients_match_finite_differences()
    {
        var x = TensorAssert.Random(12, [1, 2, 4, 5]);
        foreach (var mode in new[] { PadMode.Constant, PadMode.Reflect, PadMode.Replicate, PadMode.Circular })
        {
            Check(t => Functional.Pad(t[0], [2, 1, 3, 2], mode), x);
        }

        Check(t => Functional.Unfold(t[0], (2, 3), (1, 1), (1, 1), (1, 2)), x);
        var cols = TensorAssert.Random(13, [1, 2 * 9, 4]);
        Check(t => Functional.Fold(t[0], (4, 4), 3, 1, 1, 2), cols);
        CheckSecond(t => Functional.Fold(Functional.Unfold(t[0], 2).Square(), (4, 5), 2), x);
    }
}
