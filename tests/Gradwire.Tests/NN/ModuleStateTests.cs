using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Tests.NN;

/// <summary>
/// Buffers, modules of other signatures, unique parameters: what PyTorch's <c>nn.Module</c> users rely on
/// (<c>register_buffer</c>, <c>state_dict</c> keys and strict loading, <c>named_parameters(remove_duplicate=True)</c>).
/// </summary>
public sealed class ModuleStateTests
{
    /// <summary>
    /// A linear layer that standardizes its input by a running mean it keeps as a buffer (BatchNorm's running
    /// statistics in miniature): in training the buffer moves toward the batch mean by <c>momentum</c>.
    /// </summary>
    private sealed class CenteredLinear : Module<Tensor, Tensor>
    {
        public CenteredLinear(int inFeatures, int outFeatures, Generator generator, DType dtype = DType.Float32)
        {
            Linear = RegisterModule("linear", new Linear(inFeatures, outFeatures, generator, dtype: dtype));
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(new Shape(inFeatures), dtype));
            Calls = RegisterBuffer("calls", Tensor.Zeros(new Shape(1), dtype), persistent: false);
        }

        public Linear Linear { get; }

        public Tensor RunningMean { get; }

        public Tensor Calls { get; }

        public override Tensor Forward(Tensor input)
        {
            if (IsTraining)
            {
                using (Tensor.NoGrad())
                {
                    RunningMean.MulInPlace(0.9).AddInPlace(input.Mean(0) * 0.1);
                    Calls.AddInPlace(1);
                }
            }

            return Linear.Forward(input - RunningMean);
        }
    }

    /// <summary>A real two-input module: a bilinear score <c>s = Σ (x W) ⊙ y</c> per row, Module&lt;(Tensor, Tensor), Tensor&gt;.</summary>
    private sealed class Bilinear : Module<(Tensor X, Tensor Y), Tensor>
    {
        public Bilinear(int features, Generator generator) =>
            Weight = RegisterParameter("weight", Tensor.Uniform(new Shape(features, features), generator, -1, 1, DType.Float64));

        public Parameter Weight { get; }

        public override Tensor Forward((Tensor X, Tensor Y) input) => (input.X.MatMul(Weight) * input.Y).Sum(1);
    }

    /// <summary>A Sequential wrapper with a weight shared by two layers (tied weights, as tied embeddings are).</summary>
    private sealed class Tied : Module<Tensor, Tensor>
    {
        public Tied(Linear first)
        {
            First = RegisterModule("first", first);
            RegisterParameter("shared", first.Weight);
        }

        public Linear First { get; }

        public override Tensor Forward(Tensor input) => First.Forward(input);
    }

    [Fact]
    public void Buffers_are_listed_saved_in_the_state_dict_with_pytorch_keys_and_never_trained()
    {
        var model = new Sequential(new CenteredLinear(3, 2, new Generator(1)), new Tanh());
        Assert.Equal(["0.running_mean", "0.calls"], model.NamedBuffers().Select(b => b.Key).ToArray());
        Assert.Equal(2, model.Buffers().Count);
        Assert.Equal(["0.linear.weight", "0.linear.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        // PyTorch's order: a module's parameters, its persistent buffers, then its children; non-persistent ones left out.
        Assert.Equal(["0.running_mean", "0.linear.weight", "0.linear.bias"], model.StateDict().Keys.ToArray());

        var x = Tensor.FromArray([1.0f, 2, 3, 3, 4, 5], new Shape(2, 3));
        model.Forward(x).Sum().Backward();
        var layer = (CenteredLinear)model[0];
        Assert.Equal([0.2f, 0.3f, 0.4f], layer.RunningMean.ToFloatArray());
        Assert.False(layer.RunningMean.RequiresGrad);
        Assert.Null(layer.RunningMean.Grad);

        model.Eval();
        model.Forward(x);
        Assert.Equal([0.2f, 0.3f, 0.4f], layer.RunningMean.ToFloatArray());
    }

    [Fact]
    public void Load_state_dict_restores_buffers_and_strict_loading_names_missing_unexpected_and_misshapen_keys()
    {
        var source = new Sequential(new CenteredLinear(3, 2, new Generator(1)));
        ((CenteredLinear)source[0]).RunningMean.CopyFrom(Tensor.FromArray([1f, -2f, 0.5f]));
        var target = new Sequential(new CenteredLinear(3, 2, new Generator(2)));
        target.LoadStateDict(source.StateDict());
        Assert.Equal([1f, -2f, 0.5f], ((CenteredLinear)target[0]).RunningMean.ToFloatArray());
        Assert.Equal(source[0].StateDict()["linear.weight"].ToFloatArray(), target[0].StateDict()["linear.weight"].ToFloatArray());

        var missing = new Dictionary<string, Tensor>(source.StateDict());
        missing.Remove("0.running_mean");
        Assert.Contains("'0.running_mean'", Assert.Throws<ArgumentException>(() => target.LoadStateDict(missing)).Message);
        target.LoadStateDict(missing, strict: false);

        var unexpected = new Dictionary<string, Tensor>(source.StateDict()) { ["0.calls"] = Tensor.Zeros(new Shape(1)) };
        Assert.Contains("'0.calls'", Assert.Throws<ArgumentException>(() => target.LoadStateDict(unexpected)).Message);

        var misshapen = new Dictionary<string, Tensor>(source.StateDict()) { ["0.running_mean"] = Tensor.Zeros(new Shape(4)) };
        var before = ((CenteredLinear)target[0]).RunningMean.ToFloatArray();
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(misshapen, strict: false));
        Assert.Contains("'0.running_mean'", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Equal(before, ((CenteredLinear)target[0]).RunningMean.ToFloatArray());
    }

    private sealed class BadBuffers : Module<Tensor, Tensor>
    {
        public BadBuffers(Tensor buffer, string name = "b") => RegisterBuffer(name, buffer);

        public override Tensor Forward(Tensor input) => input;
    }

    [Fact]
    public void A_buffer_that_requires_grad_or_a_taken_name_is_refused_by_name()
    {
        var trainable = Tensor.Zeros(new Shape(2));
        trainable.RequiresGrad = true;
        Assert.Contains("'b'", Assert.Throws<ArgumentException>(() => new BadBuffers(trainable)).Message);
        Assert.Contains("'a.b'", Assert.Throws<ArgumentException>(() => new BadBuffers(Tensor.Zeros(new Shape(2)), "a.b")).Message);
    }

    [Fact]
    public void A_layer_used_twice_lists_its_parameters_once_and_one_sgd_step_moves_them_once()
    {
        var shared = new Linear(2, 2, new Generator(3), dtype: DType.Float64);
        var model = new Sequential(shared, shared);
        Assert.Equal(2, model.Parameters().Count);
        Assert.Equal(["0.weight", "0.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal(6, model.ParameterCount());
        // The state dict keeps both names, as PyTorch's does.
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], model.StateDict().Keys.ToArray());

        var x = Tensor.FromArray([0.5, -1.0, 2.0, 0.25], new Shape(2, 2));
        var w0 = shared.Weight.Value.ToDoubleArray();
        model.Forward(x).Square().Sum().Backward();
        var grad = shared.Weight.Grad!.ToDoubleArray();
        new Sgd(model.Parameters(), 0.1).Step();
        var w1 = shared.Weight.Value.ToDoubleArray();
        for (var i = 0; i < w0.Length; i++)
        {
            Assert.Equal(w0[i] - 0.1 * grad[i], w1[i], 15);
        }
    }

    [Fact]
    public void A_weight_registered_under_two_names_keeps_the_first_name_and_steps_once()
    {
        var model = new Tied(new Linear(2, 3, new Generator(4), dtype: DType.Float64));
        // A module's own parameters come before its children's, so "shared" is the first name of the weight.
        Assert.Equal(["shared", "first.bias"], model.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Equal(["shared", "first.weight", "first.bias"], model.StateDict().Keys.ToArray());
        var w0 = model.First.Weight.Value.ToDoubleArray();
        model.Forward(Tensor.FromArray([1.0, 2.0], new Shape(1, 2))).Sum().Backward();
        var grad = model.First.Weight.Grad!.ToDoubleArray();
        new Sgd(model.Parameters(), 0.5).Step();
        var w1 = model.First.Weight.Value.ToDoubleArray();
        for (var i = 0; i < w0.Length; i++)
        {
            Assert.Equal(w0[i] - 0.5 * grad[i], w1[i], 15);
        }
    }

    [Fact]
    public void A_two_input_module_is_called_with_a_tuple_and_differentiates_through_both_inputs()
    {
        var module = new Bilinear(3, new Generator(8));
        var x = Tensor.FromArray([0.1, 0.2, -0.3, 1.0, 0.5, -0.5], new Shape(2, 3));
        var y = Tensor.FromArray([1.0, -1.0, 2.0, 0.0, 0.5, 0.25], new Shape(2, 3));
        var s = module.Call((x, y));
        Assert.Equal(new Shape(2), s.Shape);
        Assert.Single(module.Parameters());
        var report = GradCheck.Check(ts => module.Forward((ts[0], ts[1])), [x, y]);
        Assert.True(report.Passed, report.ToString());
    }

    private static Trainer NewRun(Dataset data, ulong seed)
    {
        var model = new Sequential(new CenteredLinear(2, 8, new Generator(seed)), new Tanh(), new Linear(8, 3, new Generator(seed + 1)));
        return new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.1, momentum: 0.9), new DataLoader(data, 16, shuffle: true, seed: 2));
    }

    [Fact]
    public void Buffers_are_saved_in_checkpoints_and_a_resumed_run_equals_the_uninterrupted_one()
    {
        var data = Spiral.Create(pointsPerClass: 20, seed: 1);
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-buffers-{Guid.NewGuid():N}.safetensors");
        try
        {
            var whole = NewRun(data, 5);
            whole.Fit(3);

            var first = NewRun(data, 5);
            first.Fit(2);
            first.SaveCheckpoint(path);
            var resumed = NewRun(data, 77);
            resumed.LoadCheckpoint(path);
            Assert.Equal(
                ((CenteredLinear)((Sequential)first.Model)[0]).RunningMean.ToFloatArray(),
                ((CenteredLinear)((Sequential)resumed.Model)[0]).RunningMean.ToFloatArray());
            Assert.NotEqual(0f, ((CenteredLinear)((Sequential)resumed.Model)[0]).RunningMean.ToFloatArray()[0]);
            resumed.Fit(3);

            foreach (var (name, value) in whole.Model.StateDict())
            {
                Assert.Equal(value.ToFloatArray(), resumed.Model.StateDict()[name].ToFloatArray());
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
