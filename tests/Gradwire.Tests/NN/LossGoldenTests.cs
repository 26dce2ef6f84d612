using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// Every loss against PyTorch 1.13 in float64: value and gradient. The numbers come from
/// <c>goldens/make_goldens.py</c> (Debian's python3-torch; rerun it to regenerate), section "== losses".
/// </summary>
public sealed class LossGoldenTests
{
    private static readonly double[] Logits = [1.0, 2.0, 0.5, -1.0, 0.3, -0.2, 1.5, 2.5, -1.0, 0.0, 1.0, 0.2];
    private static readonly int[] Labels = [0, 3, 1];
    private static readonly double[] Scores = [0.5, -1.2, 2.0, 0.1, 0.95];
    private static readonly double[] Signs = [1, -1, -1, 1, 1];
    private static readonly double[] Targets = [0.0, 1.0, 0.5, -2.0, 3.0];

    private static Tensor Leaf(double[] values, params int[] shape)
    {
        var t = Tensor.FromArray(values, new Shape(shape));
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertGolden(Tensor leaf, Tensor loss, double value, double[] grad)
    {
        Assert.Equal(value, loss.Item(), 12);
        loss.Backward();
        var g = leaf.Grad!.ToDoubleArray();
        Assert.Equal(grad.Length, g.Length);
        for (var i = 0; i < g.Length; i++)
        {
            Assert.Equal(grad[i], g[i], 12);
        }
    }

    [Fact]
    public void Softmax_cross_entropy_matches_pytorch()
    {
        var z = Leaf(Logits, 3, 4);
        AssertGolden(z, Losses.SoftmaxCrossEntropy(z, Labels), 1.19997115046705,
        [
            -0.25859739398393294, 0.20315334586629236, 0.045329638597835176, 0.010114409519805408, 0.023892017687139618,
            0.014491241249646698, 0.07932429224139317, -0.11770755117817946, 0.023104098179202868, -0.27052988308987247,
            0.1707174775613315, 0.07670830734933809,
        ]);
    }

    [Fact]
    public void Class_weighted_cross_entropy_matches_pytorch_weighted_mean()
    {
        var z = Leaf(Logits, 3, 4);
        AssertGolden(z, Losses.SoftmaxCrossEntropy(z, Labels, [1f, 2f, 0.5f, 1f]), 1.3172616073919208,
        [
            -0.19394804548794972, 0.15236500939971928, 0.03399722894837638, 0.007585807139854056, 0.017919013265354715,
            0.010868430937235024, 0.05949321918104488, -0.0882806633836346, 0.0346561472688043, -0.4057948246348087,
            0.25607621634199723, 0.11506246102400715,
        ]);
    }

    [Fact]
    public void Multiclass_svm_matches_pytorch_multi_margin_loss_times_classes()
    {
        var z = Leaf(Logits, 3, 4);
        AssertGolden(z, Losses.MulticlassSvm(z, Labels), 1.9000000000000001,
        [
            -0.6666666666666666, 0.3333333333333333, 0.3333333333333333, 0, 0, 0, 0, 0, 0, -0.6666666666666666,
            0.3333333333333333, 0.3333333333333333,
        ]);
    }

    [Fact]
    public void Hinge_and_squared_hinge_match_pytorch()
    {
        var s = Leaf(Scores, 5);
        AssertGolden(s, Losses.Hinge(s, Tensor.FromArray(Signs)), 0.89, [-0.2, 0, 0.2, -0.2, -0.2]);
        var s2 = Leaf(Scores, 5);
        AssertGolden(s2, Losses.SquaredHinge(s2, Tensor.FromArray(Signs)), 2.0125, [-0.2, 0, 1.2000000000000002, -0.36000000000000004, -0.020000000000000018]);
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_matches_pytorch()
    {
        var s = Leaf(Scores, 5);
        var t = Tensor.FromArray(Signs.Select(v => (v + 1) / 2).ToArray());
        AssertGolden(s, Losses.BinaryCrossEntropyWithLogits(s, t), 0.7671281058971268,
            [-0.07550813375962909, 0.04629504330019647, 0.17615941559557646, -0.095004162504212, -0.055776964395427384]);
    }

    [Fact]
    public void Mse_and_huber_match_pytorch()
    {
        var s = Leaf(Scores, 5);
        AssertGolden(s, Losses.Mse(s, Tensor.FromArray(Targets)), 3.1905, [0.2, -0.8800000000000001, 0.6000000000000001, 0.8400000000000001, -0.82]);
        var s2 = Leaf(Scores, 5);
        AssertGolden(s2, Losses.Huber(s2, Tensor.FromArray(Targets)), 1.1949999999999998, [0.1, -0.2, 0.2, 0.2, -0.2]);
    }
}
