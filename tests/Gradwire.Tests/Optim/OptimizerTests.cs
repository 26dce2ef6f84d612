using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Tests.Optim;

/// <summary>Optimizer behaviour: RMSProp's clipping, state for checkpoints, steady-state allocations, schedules, gradient clipping.</summary>
public sealed class OptimizerTests
{
    [Fact]
    public void Rmsprop_follows_recurrent_js_rule_with_clipping_and_direct_decay()
    {
        var w = new Parameter(Tensor.FromArray([1.0, -1.0]));
        var optimizer = new RmsProp([w], 0.1, decay: 0.9, epsilon: 1e-8, clip: 2, weightDecay: 0.01);
        w.Value.Grad = Tensor.FromArray([10.0, -0.5]);
        optimizer.Step();

        // cache = 0.1·g² (raw g); g clipped to ±2; w += −lr·g/√(cache + ε) − λw.
        var c0 = 0.1 * 100;
        var c1 = 0.1 * 0.25;
        var expected0 = 1.0 - 0.1 * 2 / Math.Sqrt(c0 + 1e-8) - 0.01 * 1.0;
        var expected1 = -1.0 - 0.1 * -0.5 / Math.Sqrt(c1 + 1e-8) - 0.01 * -1.0;
        Assert.Equal(expected0, w.Value[0], 12);
        Assert.Equal(expected1, w.Value[1], 12);
    }

    [Fact]
    public void Sgd_weight_decay_shrinks_weights_but_not_biases()
    {
        var weight = new Parameter(Tensor.FromArray([2.0]));
        var bias = new Parameter(Tensor.FromArray([2.0]), decay: false);
        var optimizer = new Sgd([weight, bias], 0.1, weightDecay: 0.5);
        weight.Value.Grad = Tensor.FromArray([1.0]);
        bias.Value.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();

        Assert.Equal(2.0 - 0.1 * (1.0 + 0.5 * 2.0), weight.Value[0], 12);
        Assert.Equal(2.0 - 0.1 * 1.0, bias.Value[0], 12);
    }

    [Fact]
    public void AdamW_decoupled_decay_shrinks_weights_but_not_biases()
    {
        var weight = new Parameter(Tensor.FromArray([2.0]));
        var bias = new Parameter(Tensor.FromArray([2.0]), decay: false);
        var optimizer = new AdamW([weight, bias], 0.1, epsilon: 0, weightDecay: 0.5);
        weight.Value.Grad = Tensor.FromArray([1.0]);
        bias.Value.Grad = Tensor.FromArray([1.0]);
        optimizer.Step();

        // First Adam step: m̂/√v̂ = g/|g| = 1, so w ← w(1 − lr·λ) − lr.
        Assert.Equal(2.0 * (1 - 0.1 * 0.5) - 0.1, weight.Value[0], 12);
        Assert.Equal(2.0 - 0.1, bias.Value[0], 12);
    }

    [Fact]
    public void Adam_bias_correction_counts_steps_per_parameter()
    {
        var early = new Parameter(Tensor.FromArray([0.0]));
        var late = new Parameter(Tensor.FromArray([1.0]));
        var optimizer = new Adam([early, late], 0.1, epsilon: 1e-8);
        for (var step = 0; step < 2; step++)
        {
            early.Value.Grad = Tensor.FromArray([1.0]);
            optimizer.Step();
        }

        // Its first gradient arrives at global step 3: PyTorch's first step, m̂ = g, v̂ = g², Δ = lr·g/(|g| + ε).
        early.Value.Grad = null;
        late.Value.Grad = Tensor.FromArray([0.25]);
        optimizer.Step();

        Assert.Equal(1.0 - 0.1 * 0.25 / (0.25 + 1e-8), late.Value[0], 12);
        Assert.Equal(3, optimizer.StepCount);
        Assert.Equal(1.0, optimizer.StateDict()["1.step"].Item());
        Assert.Equal(2.0, optimizer.StateDict()["0.step"].Item());
    }

    [Fact]
    public void Loading_a_state_without_per_parameter_steps_uses_the_global_count()
    {
        var a = new Parameter(Tensor.FromArray([1.0, -2.0]));
        var b = new Parameter(Tensor.FromArray([1.0, -2.0]));
        var first = new Adam([a], 0.05);
        var second = new Adam([b], 0.05);
        for (var i = 0; i < 3; i++)
        {
            a.Value.Grad = Tensor.FromArray([0.3 * i, -0.1]);
            first.Step();
        }

        using (Tensor.NoGrad())
        {
            b.Value.CopyFrom(a.Value);
        }

        var old = first.StateDict().Where(e => e.Key != "0.step").ToDictionary(e => e.Key, e => e.Value);
        second.LoadStateDict(old);
        foreach (var (p, o) in new[] { (a, first), (b, second) })
        {
            p.Value.Grad = Tensor.FromArray([0.2, 0.4]);
            o.Step();
        }

        Assert.Equal(a.Value.ToDoubleArray(), b.Value.ToDoubleArray());
    }

    [Fact]
    public void State_dict_restores_a_twin_that_then_takes_identical_steps()
    {
        var a = new Parameter(Tensor.FromArray([1f, -2f, 3f]));
        var b = new Parameter(Tensor.FromArray([1f, -2f, 3f]));
        var first = new Adam([a], 0.05);
        var second = new Adam([b], 0.05);
        for (var i = 0; i < 3; i++)
        {
            a.Value.Grad = Tensor.FromArray([0.3f * i, -0.1f, 0.7f]);
            first.Step();
        }

        using (Tensor.NoGrad())
        {
            b.Value.CopyFrom(a.Value);
        }

        second.LoadStateDict(first.StateDict());
        Assert.Equal(3, second.StepCount);
        foreach (var (p, o) in new[] { (a, first), (b, second) })
        {
            p.Value.Grad = Tensor.FromArray([0.2f, 0.4f, -0.6f]);
            o.Step();
        }

        Assert.Equal(a.Value.ToFloatArray(), b.Value.ToFloatArray());
        Assert.Contains("0.exp_avg_sq", first.StateDict().Keys);
    }

    [Fact]
    public void Loading_optimizer_state_of_the_wrong_shape_names_the_entry()
    {
        var a = new Parameter(Tensor.Zeros(new Shape(3)));
        var optimizer = new Sgd([a], 0.1, momentum: 0.9);
        var state = new Dictionary<string, Tensor>
        {
            ["step"] = Tensor.Scalar(1, DType.Float64),
            ["lr"] = Tensor.Scalar(0.1, DType.Float64),
            ["0.momentum_buffer"] = Tensor.Zeros(new Shape(4)),
        };
        var e = Assert.Throws<ArgumentException>(() => optimizer.LoadStateDict(state));
        Assert.Contains("0.momentum_buffer", e.Message);
        state.Remove("0.momentum_buffer");
        state["7.momentum_buffer"] = Tensor.Zeros(new Shape(3));
        Assert.Contains("7.momentum_buffer", Assert.Throws<ArgumentException>(() => optimizer.LoadStateDict(state)).Message);
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("rmsprop")]
    public void A_step_in_steady_state_allocates_nothing(string name)
    {
        var p = new Parameter(Tensor.Uniform(new Shape(256, 64), new Generator(1)));
        p.Value.Grad = Tensor.Uniform(new Shape(256, 64), new Generator(2)).DetachFromScope();
        Optimizer optimizer = name switch
        {
            "sgd" => new Sgd([p], 0.01, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
            "adam" => new Adam([p], 1e-3),
            _ => new RmsProp([p], 1e-3, clip: 5),
        };
        optimizer.Step(); // creates the state buffers
        optimizer.Step();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            optimizer.Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// The golden tests use 3-element parameters, which only the scalar tail of each fused loop sees. Here 19 (or
    /// 37) equal elements go through the vector lanes and the tail alike: every element must end up identical, to
    /// the bit, so the SIMD path computes the same rule as the checked scalar one.
    /// </summary>
    [Theory]
    [InlineData("sgd", DType.Float32)]
    [InlineData("sgd", DType.Float64)]
    [InlineData("adam", DType.Float32)]
    [InlineData("adamw", DType.Float64)]
    [InlineData("adagrad", DType.Float32)]
    [InlineData("adadelta", DType.Float64)]
    [InlineData("rmsprop", DType.Float32)]
    [InlineData("rmsprop", DType.Float64)]
    public void Vector_lanes_and_the_scalar_tail_apply_the_same_rule(string name, DType dtype)
    {
        var size = dtype == DType.Float32 ? 37 : 19;
        var p = new Parameter(Tensor.Full(new Shape(size), 0.75, dtype));
        Optimizer optimizer = name switch
        {
            "sgd" => new Sgd([p], 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
            "adam" => new Adam([p], 0.1, weightDecay: 0.1),
            "adamw" => new AdamW([p], 0.1),
            "adagrad" => new Adagrad([p], 0.1, weightDecay: 0.1),
            "adadelta" => new Adadelta([p], 1.0, weightDecay: 0.1),
            _ => new RmsProp([p], 0.1, clip: 0.5, weightDecay: 0.01),
        };
        for (var step = 0; step < 4; step++)
        {
            p.Value.Grad = Tensor.Full(new Shape(size), 1.3 - step, dtype).DetachFromScope();
            optimizer.Step();
        }

        var values = p.Value.ToDoubleArray();
        Assert.NotEqual(0.75, values[0]);
        Assert.All(values, v => Assert.Equal(values[0], v));
    }

    [Fact]
    public void Schedules_give_the_documented_rates()
    {
        Assert.Equal(0.1, new StepDecaySchedule(1, 10, 0.1).Rate(10), 12);
        Assert.Equal(1, new StepDecaySchedule(1, 10, 0.1).Rate(9), 12);
        Assert.Equal(0.25, new ExponentialSchedule(1, 0.5).Rate(2), 12);
        var cosine = new CosineSchedule(1, 100, 0.1);
        Assert.Equal(1, cosine.Rate(0), 12);
        Assert.Equal(0.55, cosine.Rate(50), 12);
        Assert.Equal(0.1, cosine.Rate(100), 12);
        var warm = new WarmupSchedule(new ConstantSchedule(0.4), 4);
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.4], Enumerable.Range(0, 5).Select(s => Math.Round(warm.Rate(s), 12)).ToArray());
    }

    [Fact]
    public void Clipping_by_norm_scales_all_gradients_together_and_by_value_clamps()
    {
        var a = new Parameter(Tensor.Zeros(new Shape(2)));
        var b = new Parameter(Tensor.Zeros(new Shape(1)));
        a.Value.Grad = Tensor.FromArray([3f, 0f]);
        b.Value.Grad = Tensor.FromArray([4f]);
        var norm = GradientClipping.ClipByNorm([a, b], 1);
        Assert.Equal(5, norm, 6);
        Assert.Equal(0.6, a.Grad![0], 5);
        Assert.Equal(0.8, b.Grad![0], 5);

        a.Value.Grad = Tensor.FromArray([3f, -7f]);
        GradientClipping.ClipByValue([a], 2);
        Assert.Equal([2f, -2f], a.Grad!.ToFloatArray());
    }

    [Fact]
    public void Bad_hyper_parameters_are_rejected_with_their_name()
    {
        var p = new Parameter(Tensor.Zeros(new Shape(1)));
        Assert.Contains("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1, momentum: 1.5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], double.NaN));
        Assert.Throws<ArgumentException>(() => new Sgd([p], 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new Adam([], 0.1));
        Assert.Throws<InvalidOperationException>(() => new Lbfgs([p]).Step());
    }
}
