using Gradwire.Autograd;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// Batch normalization: the fused kernels against their tensor-op twin, finite differences in float64 (first and
/// second order), the train/eval behaviour and running statistics, and the errors.
/// </summary>
public sealed class BatchNormTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -1, 1, DType.Float64);

    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 5, 3 },
        new[] { 2, 1 },
        new[] { 1, 4, 6 },
        new[] { 3, 2, 7 },
        new[] { 2, 3, 4, 5 },
        new[] { 1, 2, 1, 3 },
        new[] { 4, 5, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_forward_and_backward_equal_the_tensor_op_twin(int[] shape)
    {
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            foreach (var training in new[] { true, false })
            {
                var c = shape[1];
                var x = (Random(1, shape) * 3 + 2).To(dtype);
                var w = (Random(2, c) + 1.5).To(dtype);
                var b = Random(3, c).To(dtype);
                var rm = Random(4, c).To(dtype);
                var rv = (Random(5, c) + 2).To(dtype);
                var g = Random(6, shape).To(dtype);
                var (fused, fusedGrads) = Run(xs => BatchNormFunction.Apply(xs[0], xs[1], xs[2], rm.Clone(), rv.Clone(), training, 0.1, 1e-5), [x, w, b], g);
                var (twin, twinGrads) = Run(xs => BatchNormFunction.ApplyComposite(xs[0], xs[1], xs[2], rm, rv, training, 1e-5), [x, w, b], g);
                var tol = dtype == DType.Float64 ? 1e-10 : 2e-4;
                Assert.True(fused.AllClose(twin, tol, tol), $"forward {dtype} training={training}");
                for (var i = 0; i < 3; i++)
                {
                    Assert.True(fusedGrads[i].AllClose(twinGrads[i], tol, tol), $"grad {i} {dtype} training={training}: {fusedGrads[i]} vs {twinGrads[i]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_create_graph_backward_equals_the_fused_backward(bool training)
    {
        var x = Random(7, 3, 2, 4) * 2 + 1;
        var w = Random(8, 2) + 1.5;
        var b = Random(9, 2);
        var rm = Random(10, 2);
        var rv = Random(11, 2) + 2;
        var g = Random(12, 3, 2, 4);
        var (_, plain) = Run(xs => BatchNormFunction.Apply(xs[0], xs[1], xs[2], rm, rv, training, 0, 1e-5), [x, w, b], g);
        var leaves = Leaves([x, w, b]);
        Tensor[] recorded;
        using (Tensor.EnableGrad())
        {
            var y = BatchNormFunction.Apply(leaves[0], leaves[1], leaves[2], rm, rv, training, 0, 1e-5);
            recorded = Diff.Gradients([(y * g).Sum()], leaves, null, createGraph: true);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(recorded[i].RequiresGrad || i == 2 || !training, $"grad {i} should be recorded");
            Assert.True(recorded[i].AllClose(plain[i], 1e-11, 1e-11), $"grad {i}: {recorded[i]} vs {plain[i]}");
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void Gradients_match_finite_differences(bool training, bool affine)
    {
        var x = Random(13, 4, 3, 2, 3) * 2;
        var w = Random(14, 3) + 1.5;
        var b = Random(15, 3);
        var rm = Random(16, 3);
        var rv = Random(17, 3) + 2;
        var result = affine
            ? GradCheck.Check(xs => BatchNormFunction.Apply(xs[0], xs[1], xs[2], rm, rv, training, 0, 1e-5), [x, w, b])
            : GradCheck.Check(xs => BatchNormFunction.Apply(xs[0], null, null, rm, rv, training, 0, 1e-5), [x]);
        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Second_derivatives_match_finite_differences(bool training)
    {
        var x = Random(18, 3, 2, 3) * 2;
        var w = Random(19, 2) + 1.5;
        var b = Random(20, 2);
        var rm = Random(21, 2);
        var rv = Random(22, 2) + 2;
        var result = GradCheck.CheckSecondOrder(
            xs => BatchNormFunction.Apply(xs[0], xs[1], xs[2], rm, rv, training, 0, 1e-5).Tanh(), [x, w, b]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void The_module_updates_running_statistics_only_in_training_and_normalizes_with_them_in_eval()
    {
        var bn = new BatchNorm2d(2, dtype: DType.Float64);
        var x = Random(23, 4, 2, 3, 3) * 2 + 5;
        bn.Forward(x);
        var mean = x.Mean([0, 2, 3]);
        var unbiased = x.Permute(1, 0, 2, 3).Reshape(2, -1).Var(1, unbiased: true);
        Assert.True(bn.RunningMean!.AllClose(mean * 0.1, 1e-12, 1e-12));
        Assert.True(bn.RunningVar!.AllClose(unbiased * 0.1 + 0.9, 1e-12, 1e-12));
        Assert.Equal(1, bn.NumBatchesTracked!.Item());

        bn.Eval();
        var before = bn.RunningMean.Clone();
        var y = bn.Forward(x);
        Assert.True(bn.RunningMean.AllClose(before, 0, 0));
        Assert.Equal(1, bn.NumBatchesTracked.Item());
        var expected = (x - bn.RunningMean.Reshape(1, 2, 1, 1)) / (bn.RunningVar.Reshape(1, 2, 1, 1) + 1e-5).Sqrt();
        Assert.True(y.AllClose(expected, 1e-12, 1e-12));
    }

    [Fact]
    public void A_null_momentum_keeps_the_cumulative_average_of_the_batch_statistics()
    {
        var bn = new BatchNorm1d(3, momentum: null, dtype: DType.Float64);
        var sum = Tensor.Zeros(new Shape(3), DType.Float64);
        const int steps = 5;
        for (var k = 0; k < steps; k++)
        {
            var x = Random(30 + (ulong)k, 6, 3) * (k + 1) + k;
            bn.Forward(x);
            sum = sum + x.Mean(0);
        }

        Assert.True(bn.RunningMean!.AllClose(sum / steps, 1e-12, 1e-12));
        Assert.Equal(steps, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Without_running_statistics_eval_uses_the_batch_statistics_and_there_are_no_buffers()
    {
        var bn = new BatchNorm1d(2, trackRunningStats: false, dtype: DType.Float64);
        var x = Random(40, 5, 2);
        var train = bn.Forward(x);
        bn.Eval();
        Assert.True(bn.Forward(x).AllClose(train, 0, 0));
        Assert.Empty(bn.NamedBuffers());
        Assert.Equal(["weight", "bias"], bn.StateDict().Keys.ToArray());
    }

    [Fact]
    public void The_state_dict_round_trips_running_statistics_into_a_fresh_layer()
    {
        var a = new BatchNorm2d(3);
        a.Forward(Tensor.Uniform(new Shape(2, 3, 4, 4), new Generator(41), 0, 4));
        var b = new BatchNorm2d(3);
        b.LoadStateDict(a.StateDict());
        Assert.True(b.RunningMean!.AllClose(a.RunningMean!, 0, 0));
        Assert.True(b.RunningVar!.AllClose(a.RunningVar!, 0, 0));
        Assert.Equal(1, b.NumBatchesTracked!.Item());
        Assert.Equal(DType.Int64, b.NumBatchesTracked.DType);
    }

    [Fact]
    public void Bad_inputs_are_refused_with_a_message_naming_the_layer_and_shapes()
    {
        var bn2 = new BatchNorm2d(3);
        var e = Assert.Throws<ArgumentException>(() => bn2.Forward(Tensor.Zeros(new Shape(2, 3, 4))));
        Assert.Contains("BatchNorm2d", e.Message);
        e = Assert.Throws<ArgumentException>(() => bn2.Forward(Tensor.Zeros(new Shape(2, 4, 2, 2))));
        Assert.Contains("4 channels", e.Message);
        var bn1 = new BatchNorm1d(3);
        e = Assert.Throws<ArgumentException>(() => bn1.Forward(Tensor.Zeros(new Shape(1, 3))));
        Assert.Contains("more than 1 value per channel", e.Message);
        bn1.Eval();
        Assert.Equal([1, 3], bn1.Forward(Tensor.Zeros(new Shape(1, 3))).ShapeArray);
        e = Assert.Throws<ArgumentException>(() => bn1.Forward(Tensor.Zeros(new Shape(2, 3), DType.Float64)));
        Assert.Contains("float64", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm1d(2, momentum: 1.5));
    }

    private static Tensor[] Leaves(Tensor[] inputs)
    {
        var leaves = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            leaves[i] = inputs[i].Clone().Detach();
            leaves[i].RequiresGrad = true;
        }

        return leaves;
    }

    private static (Tensor Y, Tensor[] Grads) Run(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor g)
    {
        var leaves = Leaves(inputs);
        using (Tensor.EnableGrad())
        {
            var y = f(leaves);
            (y * g).Sum().Backward();
            return (y.Detach(), [.. leaves.Select(l => l.Grad!)]);
        }
    }
}
