using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// The loss options against finite differences in float64 (first and second order), the create-graph rule of the
/// fused cross-entropy on views, and the errors for bad targets and options.
/// </summary>
public sealed class LossOptionTests
{
    private static readonly Tensor Labels = Tensor.FromArray([2.0, 0, 1, 2]);
    private static readonly Tensor LabelsWithIgnored = Tensor.FromArray([2.0, -100, 1, 0]);
    private static readonly Tensor ClassWeight = Tensor.FromArray([0.5, 2.0, 1.25]);

    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -2, 2, DType.Float64);

    public static TheoryData<Reduction, bool, bool, double> CrossEntropyOptions()
    {
        var data = new TheoryData<Reduction, bool, bool, double>();
        foreach (var reduction in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
        {
            foreach (var weighted in new[] { false, true })
            {
                foreach (var ignored in new[] { false, true })
                {
                    foreach (var smoothing in new[] { 0.0, 0.25 })
                    {
                        data.Add(reduction, weighted, ignored, smoothing);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CrossEntropyOptions))]
    public void Cross_entropy_with_every_option_matches_finite_differences_to_second_order(Reduction reduction, bool weighted, bool ignored, double smoothing)
    {
        var target = ignored ? LabelsWithIgnored : Labels;
        var weight = weighted ? ClassWeight : null;
        Tensor F(Tensor z) => Losses.CrossEntropy(z, target, weight, reduction: reduction, labelSmoothing: smoothing);
        var first = GradCheck.Check(F, Random(1, 4, 3));
        Assert.True(first.Passed, first.ToString());
        var second = GradCheck.CheckSecondOrder(F, Random(2, 4, 3));
        Assert.True(second.Passed, second.ToString());
    }

    /// <summary>
    /// The fused node's create-graph rule must be recorded from the logits it received: built from the untracked
    /// contiguous copy of a view, the second derivative came out silently zero.
    /// </summary>
    [Theory]
    [InlineData(Reduction.Mean, 0.0)]
    [InlineData(Reduction.Sum, 0.2)]
    [InlineData(Reduction.None, 0.1)]
    public void Cross_entropy_second_derivatives_are_right_when_the_logits_are_a_transposed_view_or_a_column_slice(Reduction reduction, double smoothing)
    {
        Tensor Loss(Tensor z) => Losses.CrossEntropy(z, LabelsWithIgnored, ClassWeight, reduction: reduction, labelSmoothing: smoothing);
        var transposed = GradCheck.CheckSecondOrder(x => Loss(x.Transpose(0, 1)), Random(3, 3, 4));
        Assert.True(transposed.Passed, transposed.ToString());
        var sliced = GradCheck.CheckSecondOrder(x => Loss(x.Slice(1, 1, 4)), Random(4, 4, 5));
        Assert.True(sliced.Passed, sliced.ToString());

        // And the Hessian-vector product is not zero (the silent failure), but equals the contiguous one.
        var x = Random(5, 3, 4);
        x.RequiresGrad = true;
        var g = Diff.Gradients([Loss(x.Transpose(0, 1)).Sum()], [x], createGraph: true)[0];
        var hv = Diff.Gradients([(g * g).Sum()], [x])[0].ToDoubleArray();
        var y = x.Detach().Transpose(0, 1).Contiguous();
        y.RequiresGrad = true;
        var gy = Diff.Gradients([Loss(y).Sum()], [y], createGraph: true)[0];
        var hy = Diff.Gradients([(gy * gy).Sum()], [y])[0].Transpose(0, 1).Contiguous().ToDoubleArray();
        Assert.Contains(hv, v => Math.Abs(v) > 1e-3);
        for (var i = 0; i < hv.Length; i++)
        {
            Assert.Equal(hy[i], hv[i], 12);
        }
    }

    [Fact]
    public void K_dimensional_cross_entropy_and_nll_match_finite_differences()
    {
        var target = Tensor.FromArray([0.0, 2, -100, 1, 1, 0], new Shape(3, 2));
        Assert.True(GradCheck.Check(z => Losses.CrossEntropy(z, target, ClassWeight, labelSmoothing: 0.1), Random(6, 3, 3, 2)).Passed);
        Assert.True(GradCheck.CheckSecondOrder(z => Losses.CrossEntropy(z, target, reduction: Reduction.None), Random(7, 3, 3, 2)).Passed);
        Assert.True(GradCheck.Check(z => Losses.NllLoss(z, target, ClassWeight), Random(8, 3, 3, 2)).Passed);
    }

    [Fact]
    public void Probability_targets_nll_bce_kl_and_regression_losses_match_finite_differences()
    {
        var probabilities = Random(9, 4, 3).Softmax(1);
        Assert.True(GradCheck.CheckSecondOrder(z => Losses.CrossEntropy(z, probabilities, ClassWeight, labelSmoothing: 0.2), Random(10, 4, 3)).Passed);
        Assert.True(GradCheck.CheckSecondOrder(z => Losses.NllLoss(z, LabelsWithIgnored, ClassWeight, reduction: Reduction.Sum), Random(11, 4, 3)).Passed);

        var bceTarget = Tensor.FromArray([1.0, 0, 0.3, 1, 0, 0, 1, 1, 0, 0, 1, 0], new Shape(4, 3));
        var posWeight = Tensor.FromArray([2.0, 0.5, 3.0]);
        var weight = Tensor.FromArray([0.5, 1.0, 2.0, 1.5], new Shape(4, 1));
        Assert.True(GradCheck.CheckSecondOrder(
            z => Losses.BinaryCrossEntropyWithLogits(z, bceTarget, weight, posWeight, Reduction.None), Random(12, 4, 3)).Passed);

        var klTarget = Tensor.FromArray([0.0, 0.5, 0.5, 0.2, 0.3, 0.5], new Shape(2, 3));
        Assert.True(GradCheck.CheckSecondOrder(z => Losses.KlDiv(z, klTarget, Reduction.BatchMean), Random(13, 2, 3)).Passed);
        Assert.True(GradCheck.Check(xs => Losses.KlDiv(xs[0], xs[1], Reduction.Sum, logTarget: true), [Random(14, 2, 3), Random(15, 2, 3)]).Passed);

        // Away from the kinks (|d| = 0, δ, β), where the derivatives are undefined.
        var p = Tensor.FromArray([0.5, -1.2, 2.0, 0.1, 0.95, -3.0]);
        var t = Tensor.FromArray([0.0, 1.0, 0.5, -2.0, 3.0, -2.9]);
        Assert.True(GradCheck.Check(x => Losses.L1(x, t, Reduction.Sum), p).Passed);
        Assert.True(GradCheck.CheckSecondOrder(x => Losses.SmoothL1(x, t, 0.7, Reduction.None), p).Passed);
        Assert.True(GradCheck.CheckSecondOrder(x => Losses.Huber(x, t, 1.3, Reduction.Sum), p).Passed);
        Assert.True(GradCheck.CheckSecondOrder(x => Losses.Mse(x, t, Reduction.None), p).Passed);
    }

    [Fact]
    public void The_mean_weight_combines_batch_means_into_the_mean_over_all_rows()
    {
        var loss = new CrossEntropyLoss(ClassWeight, labelSmoothing: 0.1);
        var z = Random(16, 4, 3);
        var whole = loss.Forward(z, LabelsWithIgnored).Item();
        var a = z.Slice(0, 0, 2);
        var b = z.Slice(0, 2, 4);
        var ta = LabelsWithIgnored.Slice(0, 0, 2);
        var tb = LabelsWithIgnored.Slice(0, 2, 4);
        var wa = loss.MeanWeight(a, ta);
        var wb = loss.MeanWeight(b, tb);
        Assert.Equal(1.25 /* w[2]; row 1 is ignored */, wa);
        Assert.Equal(whole, (loss.Forward(a, ta).Item() * wa + loss.Forward(b, tb).Item() * wb) / (wa + wb), 12);
    }

    [Fact]
    public void Bad_targets_and_options_are_refused_naming_the_op_the_shapes_and_the_fix()
    {
        var z = Tensor.Zeros(new Shape(2, 3), DType.Float64);
        var fractional = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray([0.0, 1.5])));
        Assert.Contains("target 1.5 at row 1 is not a whole number", fractional.Message);
        var range = Assert.Throws<ArgumentException>(() => Losses.NllLoss(z, Tensor.FromArray([-1.0, 0])));
        Assert.Contains("nll_loss: target -1 at row 0 is out of range for 3 classes", range.Message);
        var shape = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray([0.0, 1, 2])));
        Assert.Contains("[2,3]", shape.Message);
        Assert.Contains("[3]", shape.Message);
        var dtype = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray([0.0, 1]), Tensor.FromArray([1f, 1f, 1f])));
        Assert.Contains("weight is float32 but input is float64", dtype.Message);
        var weightShape = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(z, Tensor.FromArray([0.0, 1]), Tensor.FromArray([1.0, 1])));
        Assert.Contains("weight must have shape [3]", weightShape.Message);
        Assert.Contains("BatchMean is for kl_div", Assert.Throws<ArgumentException>(() => Losses.L1(z, z, Reduction.BatchMean)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy(z, Tensor.FromArray([0.0, 1]), labelSmoothing: 1.5));
        var pos = Assert.Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits(z, z, posWeight: Tensor.FromArray([1.0, 2.0])));
        Assert.Contains("posWeight of shape [2] does not broadcast to input [2,3]", pos.Message);
        var sizes = Assert.Throws<ArgumentException>(() => Losses.L1(z, Tensor.Zeros(new Shape(5), DType.Float64)));
        Assert.Contains("l1_loss: input [2,3] and target [5]", sizes.Message);
    }

    [Fact]
    public void Ignored_rows_get_no_gradient_and_an_all_ignored_mean_is_nan_as_in_pytorch()
    {
        var z = Random(17, 4, 3);
        z.RequiresGrad = true;
        Losses.CrossEntropy(z, LabelsWithIgnored, labelSmoothing: 0.3).Backward();
        var g = z.Grad!.ToDoubleArray();
        Assert.All(g[3..6], v => Assert.Equal(0, v));
        Assert.True(double.IsNaN(Losses.CrossEntropy(z, Tensor.Full(new Shape(4), -100, DType.Float64)).Item()));
    }
}
