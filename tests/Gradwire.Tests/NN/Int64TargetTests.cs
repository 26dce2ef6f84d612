using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Class-index targets in int64 (PyTorch's dtype) give the same losses and gradients as whole-number floats.</summary>
public sealed class Int64TargetTests
{
    [Fact]
    public void Cross_entropy_and_nll_with_int64_targets_equal_the_float_form()
    {
        var g = new Generator(11);
        var logits = Tensor.Normal([5, 4], g, dtype: DType.Float64);
        long[] labels = [0, 3, 1, 2, 3];
        var asInt64 = Tensor.FromArray(labels);
        var asFloat = asInt64.To(DType.Float64);
        Assert.Equal(DType.Int64, asInt64.DType);

        var weight = Tensor.FromArray([1.0, 2.0, 0.5, 1.5]);
        foreach (var ignore in new[] { -100, 3 })
        {
            var a = Losses.CrossEntropy(logits, asInt64, weight, ignoreIndex: ignore, labelSmoothing: 0.1).Item();
            var b = Losses.CrossEntropy(logits, asFloat, weight, ignoreIndex: ignore, labelSmoothing: 0.1).Item();
            Assert.Equal(b, a, 15);
        }

        var logProbs = logits.LogSoftmax(-1);
        Assert.Equal(Losses.NllLoss(logProbs, asFloat).Item(), Losses.NllLoss(logProbs, asInt64).Item(), 15);
    }

    [Fact]
    public void An_int64_target_out_of_range_names_the_op_row_and_classes()
    {
        var logits = Tensor.Zeros([2, 3]);
        var error = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Tensor.FromArray([0L, 7L])));
        Assert.Contains("target 7 at row 1 is out of range for 3 classes", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Tensor.FromArray([0L, long.MaxValue])));
        var boolTarget = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Tensor.FromArray([true, false])));
        Assert.Contains("int64", boolTarget.Message, StringComparison.Ordinal);
    }
}
