using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Autograd;

/// <summary>Every differentiable op against central finite differences in float64.</summary>
public sealed class GradientCheckTests
{
    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [MemberData(nameof(ElementwiseTests.UnaryOps), MemberType = typeof(ElementwiseTests))]
    public void Unary_ops_have_correct_gradients(string name)
    {
        var (op, _, low, high) = ElementwiseTests.Unary(name);
        var x = TensorAssert.Random(21, [3, 4], low, high);
        if (name is "relu" or "abs")
        {
            // Keep clear of the kink at 0, where finite differences are meaningless.
            x = x + x.Sign() * 0.1;
        }

        Check(xs => op(xs[0]), x);
        Check(xs => op(xs[0].MT), x);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 2, 3 }, new[] { 3 })]
    [InlineData(new[] { 2, 1 }, new[] { 1, 3 })]
    [InlineData(new[] { 4, 1, 3 }, new[] { 2, 1 })]
    [InlineData(new[] { 3 }, new int[0])]
    public void Binary_ops_have_correct_gradients_under_broadcasting(int[] shapeA, int[] shapeB)
    {
        var a = TensorAssert.Random(1, shapeA, 0.5, 2);
        var b = TensorAssert.Random(2, shapeB, 0.5, 2);
        Check(xs => xs[0] + xs[1], a, b);
        Check(xs => xs[0] - xs[1], a, b);
        Check(xs => xs[0] * xs[1], a, b);
        Check(xs => xs[0] / xs[1], a, b);
        Check(xs => Tensor.Pow(xs[0], xs[1]), a, b);
        Check(xs => Tensor.Atan2(xs[0], xs[1] - 1.2), a, b);
        Check(xs => Tensor.Max(xs[0], xs[1] * 1.1), a, b);
        Check(xs => Tensor.Min(xs[0], xs[1] * 1.1), a, b);
    }

    [Fact]
    public void Scalar_ops_and_composites_have_correct_gradients()
    {
        var x = TensorAssert.Random(3, [5], 0.5, 2);
        Check(xs => xs[0] * 3 + 1, x);
        Check(xs => 2 - xs[0] / 4, x);
        Check(xs => 1.5 / xs[0], x);
        Check(xs => xs[0].Pow(3.5), x);
        Check(xs => xs[0].Pow(2), x);
        Check(xs => Tensor.Pow(1.7, xs[0]), x);
        Check(xs => xs[0].Maximum(1.1).Minimum(1.6), x);
        Check(xs => xs[0].Clamp(0.8, 1.7), x);
        Check(xs => xs[0].Square() + xs[0].Reciprocal(), x);
        Check(xs => (xs[0] - 1.25).Gelu(), x);
        Check(xs => (xs[0] - 1.25).LeakyRelu(0.1), x);
        Check(xs => (xs[0] - 1.25).Softplus(), x);
        Check(xs => Tensor.Where(xs[0].Gt(1.2), xs[0].Exp(), xs[0].Log()), x);
    }

    [Fact]
    public void Reductions_have_correct_gradients()
    {
        var x = TensorAssert.Random(4, [2, 3, 4]);
        Check(xs => xs[0].Sum(), x);
        Check(xs => xs[0].Sum(1), x);
        Check(xs => xs[0].Sum([0, 2], keepDim: true), x);
        Check(xs => xs[0].Mean(-1), x);
        Check(xs => xs[0].Max(1).Values, x);
        Check(xs => xs[0].Min([0, 2]), x);
        Check(xs => xs[0].Max(), x);
        Check(xs => xs[0].Var(1), x);
        Check(xs => xs[0].Std([0, 1], unbiased: false), x);
        Check(xs => xs[0].LogSumExp(2), x);
        Check(xs => xs[0].LogSumExp([0, 1], keepDim: true), x);
        Check(xs => xs[0].CumSum(1), x);
        Check(xs => xs[0].MT.Sum(0), x);
    }

    [Fact]
    public void Softmax_and_log_softmax_have_correct_gradients_on_every_axis()
    {
        var x = TensorAssert.Random(5, [3, 4, 5], -3, 3);
        for (var axis = 0; axis < 3; axis++)
        {
            var a = axis;
            Check(xs => xs[0].Softmax(a), x);
            Check(xs => xs[0].LogSoftmax(a), x);
        }

        Check(xs => xs[0].MT.LogSoftmax(), x);
    }

    [Fact]
    public void Matmul_has_correct_gradients_for_every_operand_kind()
    {
        Check(xs => xs[0].MatMul(xs[1]), TensorAssert.Random(1, [3, 4]), TensorAssert.Random(2, [4, 5]));
        Check(xs => xs[0].MT.MatMul(xs[1].MT), TensorAssert.Random(1, [4, 3]), TensorAssert.Random(2, [5, 4]));
        Check(xs => xs[0].MatMul(xs[1]), TensorAssert.Random(1, [4]), TensorAssert.Random(2, [4]));
        Check(xs => xs[0].MatMul(xs[1]), TensorAssert.Random(1, [4]), TensorAssert.Random(2, [4, 2]));
        Check(xs => xs[0].MatMul(xs[1]), TensorAssert.Random(1, [3, 4]), TensorAssert.Random(2, [4]));
        Check(xs => xs[0].MatMul(xs[1]), TensorAssert.Random(1, [2, 1, 3, 4]), TensorAssert.Random(2, [3, 4, 2]));
        Check(xs => Tensor.Outer(xs[0], xs[1]), TensorAssert.Random(1, [3]), TensorAssert.Random(2, [2]));
    }

    [Fact]
    public void Linear_layer_with_bias_broadcast_has_correct_gradients()
    {
        var x = TensorAssert.Random(1, [5, 3]);
        var w = TensorAssert.Random(2, [4, 3]);
        var b = TensorAssert.Random(3, [4]);
        Check(xs => (xs[0].MatMul(xs[1].MT) + xs[2]).Relu(), x, w, b);
    }

    [Fact]
    public void Views_propagate_gradients_to_their_base()
    {
        var x = TensorAssert.Random(6, [3, 4]);
        Check(xs => xs[0].Reshape(2, 6) * Tensor.Arange(12, DType.Float64).Reshape(2, 6), x);
        Check(xs => xs[0].Transpose(0, 1).Exp(), x);
        Check(xs => xs[0].Permute(1, 0).Unsqueeze(0).Squeeze(), x);
        Check(xs => xs[0].Slice(1, 0, 4, 2).Square(), x);
        Check(xs => xs[0].Narrow(0, 1, 2).Sin(), x);
        Check(xs => xs[0].Select(1, -1) * 3, x);
        Check(xs => xs[0].Narrow(1, 1, 1).Expand(3, 5).Exp(), x);
        Check(xs => xs[0].Flatten().Contiguous().Clone(), x);
        Check(xs => xs[0].MT.Contiguous() * xs[0].MT, x);
        Check(xs => xs[0].To(DType.Float64) * 1, x);
    }

    [Fact]
    public void Indexing_ops_have_correct_gradients()
    {
        var x = TensorAssert.Random(7, [3, 4]);
        var index = Tensor.FromArray([1L, 1, 3, 0, 2, 2], [3, 2]);
        Check(xs => xs[0].Gather(1, index), x);
        Check(xs => xs[0].ScatterAdd(1, index, xs[1]), x, TensorAssert.Random(8, [3, 2]));
        Check(xs => xs[0].IndexSelect(0, [2, 0, 2]), x);
        Check(xs => xs[0].MT.IndexSelect(0, [3, 1, 3]), x);
        Check(xs => xs[0].IndexSelect(1, [3, 3, 0]), x);
        Check(xs => Tensor.Concat([xs[0], xs[1].Exp()], 0), x, TensorAssert.Random(9, [2, 4]));
        Check(xs => Tensor.Stack([xs[0], xs[0].Square()], 2), x);
        Check(xs => xs[0].Split(3, 1)[1].Exp() + xs[0].Chunk(2, 1)[0].Narrow(1, 0, 1), x);
    }

    [Fact]
    public void Softmax_cross_entropy_from_log_softmax_and_gather_has_correct_gradients()
    {
        var logits = TensorAssert.Random(10, [4, 5], -3, 3);
        var targets = Tensor.FromArray([0L, 4, 2, 2]).Unsqueeze(1);
        Check(xs => -xs[0].LogSoftmax(1).Gather(1, targets).Mean(), logits);
    }

    [Fact]
    public void Mse_has_correct_gradients()
    {
        var prediction = TensorAssert.Random(11, [6, 2]);
        var target = TensorAssert.Random(12, [6, 2]);
        Check(xs => (xs[0] - xs[1]).Square().Mean(), prediction, target);
    }
}
