using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Losses: gradient checks in float64, numerical stability, errors, regularization.</summary>
public sealed class LossTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -2, 2, DType.Float64);

    [Fact]
    public void Cross_entropy_gradient_and_second_derivatives_match_finite_differences()
    {
        int[] labels = [2, 0, 1, 2];
        Assert.True(GradCheck.Check(z => Losses.SoftmaxCrossEntropy(z, labels), Random(1, 4, 3)).Passed);
        Assert.True(GradCheck.Check(z => Losses.SoftmaxCrossEntropy(z, labels, [0.5f, 2f, 1f]), Random(2, 4, 3)).Passed);
        Assert.True(GradCheck.CheckSecondOrder(z => Losses.SoftmaxCrossEntropy(z, labels), Random(3, 4, 3)).Passed);
    }

    [Fact]
    public void Losses_on_scores_match_finite_differences()
    {
        var signs = Tensor.FromArray([1.0, -1, 1, -1, 1]);
        var targets = Tensor.FromArray([0.0, 1, 1, 0, 1]);
        int[] labels = [0, 2, 1, 1, 0];

        // Away from the hinge's kink (margin exactly met), where the derivative is undefined.
        Assert.True(GradCheck.Check(s => Losses.Hinge(s, signs), Tensor.FromArray([0.3, 0.5, 1.7, -1.6, -0.2])).Passed);
        Assert.True(GradCheck.Check(s => Losses.SquaredHinge(s, signs), Tensor.FromArray([0.3, 0.5, 1.7, -1.6, -0.2])).Passed);
        Assert.True(GradCheck.Check(s => Losses.BinaryCrossEntropyWithLogits(s, targets), Random(4, 5)).Passed);
        Assert.True(GradCheck.Check(s => Losses.Mse(s, targets), Random(5, 5)).Passed);
        Assert.True(GradCheck.Check(s => Losses.Huber(s, targets, 0.7), Random(6, 5)).Passed);
        Assert.True(GradCheck.Check(s => Losses.MulticlassSvm(s, labels), Random(7, 5, 3)).Passed);
    }

    [Fact]
    public void Mse_gradient_reaches_a_target_that_requires_grad()
    {
        var p = Random(8, 3, 2);
        var t = Random(9, 3, 2);
        Assert.True(GradCheck.Check(xs => Losses.Mse(xs[0], xs[1]), [p, t]).Passed);
        Assert.True(GradCheck.CheckSecondOrder(xs => Losses.Mse(xs[0].Tanh(), xs[1]), [p, t]).Passed);
    }

    [Fact]
    public void Cross_entropy_is_finite_and_exact_for_huge_logits()
    {
        var z = Tensor.FromArray([1e4f, 0f, -1e4f, 50000f, 50000f, 0f], new Shape(2, 3));
        z.RequiresGrad = true;
        var loss = Losses.SoftmaxCrossEntropy(z, [1, 0]);

        // Row 0: logsumexp = 1e4, loss 1e4 − 0; row 1: logsumexp = 50000 + ln 2, loss ln 2. Mean.
        Assert.Equal((1e4 + Math.Log(2)) / 2, loss.Item(), 2);
        loss.Backward();
        Assert.Equal(new[] { 0.5f, -0.5f, 0f, -0.25f, 0.25f, 0f }, z.Grad!.ToFloatArray());
    }

    [Fact]
    public void Cross_entropy_rejects_labels_out_of_range_naming_the_row()
    {
        var z = Tensor.Zeros(new Shape(2, 3));
        var e = Assert.Throws<ArgumentException>(() => Losses.SoftmaxCrossEntropy(z, [0, 3]));
        Assert.Contains("target 3 at row 1", e.Message);
        Assert.Contains("3 classes", e.Message);
        Assert.Throws<ArgumentException>(() => Losses.SoftmaxCrossEntropy(z, [0]));
        Assert.Throws<ArgumentException>(() => Losses.SoftmaxCrossEntropy(Tensor.Zeros(new Shape(6)), [0]));
    }

    [Fact]
    public void Mse_names_both_shapes_when_sizes_differ()
    {
        var e = Assert.Throws<ArgumentException>(() => Losses.Mse(Tensor.Zeros(new Shape(2, 3)), Tensor.Zeros(new Shape(5))));
        Assert.Contains("[2,3]", e.Message);
        Assert.Contains("[5]", e.Message);
    }

    [Fact]
    public void Regularization_pulls_on_weights_and_leaves_biases_alone()
    {
        var layer = new Linear(3, 2, new Generator(1), dtype: DType.Float64);
        var l2 = Regularization.L2(layer.Parameters(), 0.1);
        var w = layer.Weight.Value.ToDoubleArray();
        Assert.Equal(0.05 * w.Sum(v => v * v), l2.Item(), 12);
        l2.Backward();
        Assert.Equal(w.Select(v => 0.1 * v).ToArray(), layer.Weight.Grad!.ToDoubleArray(), new DoubleTolerance(1e-12));
        Assert.Null(layer.Bias!.Grad);

        var l1 = Regularization.L1(layer.Parameters(), 0.5);
        Assert.Equal(0.5 * w.Sum(Math.Abs), l1.Item(), 12);
    }

    [Fact]
    public void Regularization_with_nothing_to_decay_is_a_zero_of_the_models_dtype()
    {
        var bias = new Parameter(Tensor.FromArray([1.0, 2.0]), decay: false);
        var penalty = Regularization.L2([bias], 0.1);
        Assert.Equal(DType.Float64, penalty.DType);
        Assert.Equal(0, penalty.Item());

        // Adding it to a float64 loss type-checks.
        var loss = Tensor.Scalar(1.5, DType.Float64) + Regularization.L1([bias], 0.1);
        Assert.Equal(1.5, loss.Item());
    }

    [Fact]
    public void Loss_names_parse_and_unknown_names_list_the_known_ones()
    {
        foreach (var name in Loss.Names)
        {
            Assert.Equal(name, Loss.Parse(name).Name);
        }

        var e = Assert.Throws<ArgumentException>(() => Loss.Parse("hamming"));
        Assert.Contains("cross-entropy", e.Message);
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
