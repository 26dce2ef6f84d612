using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>Module bookkeeping: names, modes, gradients, state dictionaries, initialization, dropout.</summary>
public sealed class ModuleTests
{
    [Fact]
    public void An_mlp_registers_its_parameters_with_dotted_names_in_order()
    {
        var model = Mlp.Create([784, 256, 128, 10], Activation.Relu, new Generator(1));
        var names = model.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], names);
        Assert.Equal(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, model.ParameterCount());
        Assert.Equal(new Shape(256, 784), model.Parameters()[0].Shape);
        Assert.False(model.Parameters()[1].Decay);
        Assert.Contains("Linear(784 → 256)", model.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_different_ones()
    {
        var a = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(5)).Parameters()[0].Value.ToFloatArray();
        var b = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(5)).Parameters()[0].Value.ToFloatArray();
        var c = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(6)).Parameters()[0].Value.ToFloatArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Default_initialization_stays_within_one_over_root_fan_in()
    {
        var layer = new Linear(100, 50, new Generator(3));
        var bound = 1 / Math.Sqrt(100);
        Assert.All(layer.Weight.Value.ToFloatArray(), v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias!.Value.ToFloatArray(), v => Assert.InRange(v, -bound, bound));
        var kaiming = new Linear(100, 50, new Generator(3), init: Initialization.KaimingUniform);
        Assert.All(kaiming.Bias!.Value.ToFloatArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void State_dict_round_trips_into_a_fresh_model_and_zero_grad_clears_gradients()
    {
        var source = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(1));
        var target = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(2));
        target.LoadStateDict(source.StateDict());
        var x = Tensor.Uniform(new Shape(5, 3), new Generator(9));
        Assert.Equal(source.Forward(x).ToFloatArray(), target.Forward(x).ToFloatArray());

        target.Forward(x).Sum().Backward();
        Assert.NotNull(target.Parameters()[0].Grad);
        target.ZeroGrad();
        Assert.All(target.Parameters()[0].Grad!.ToFloatArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Loading_a_state_with_a_missing_extra_or_misshapen_entry_names_it()
    {
        var model = Mlp.Create([3, 4, 2], Activation.Tanh, new Generator(1));
        var state = new Dictionary<string, Tensor>(model.StateDict());
        state.Remove("2.bias");
        Assert.Contains("'2.bias'", Assert.Throws<ArgumentException>(() => model.LoadStateDict(state)).Message);
        model.LoadStateDict(state, strict: false);

        state = new Dictionary<string, Tensor>(model.StateDict()) { ["9.weight"] = Tensor.Zeros(new Shape(1)) };
        Assert.Contains("'9.weight'", Assert.Throws<ArgumentException>(() => model.LoadStateDict(state)).Message);

        state = new Dictionary<string, Tensor>(model.StateDict()) { ["0.weight"] = Tensor.Zeros(new Shape(3, 4)) };
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDict(state));
        Assert.Contains("[3,4]", e.Message);
        Assert.Contains("[4,3]", e.Message);
    }

    [Fact]
    public void Linear_rejects_an_input_of_the_wrong_width_with_both_shapes()
    {
        var layer = new Linear(3, 2, new Generator(1));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Zeros(new Shape(4, 5))));
        Assert.Contains("[4,5]", e.Message);
        Assert.Contains("3 inputs", e.Message);
    }

    [Fact]
    public void Dropout_is_the_identity_in_eval_mode_and_scales_survivors_in_training()
    {
        var dropout = new Dropout(0.25, seed: 42);
        var x = Tensor.Ones(new Shape(1000));
        var y = dropout.Forward(x).ToFloatArray();
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.75f) < 1e-6));
        var dropped = y.Count(v => v == 0);
        Assert.InRange(dropped, 200, 300);

        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
    }

    [Fact]
    public void Dropout_masks_depend_only_on_the_seed_and_the_call_count()
    {
        var a = new Dropout(0.5, seed: 7);
        var b = new Dropout(0.5, seed: 7);
        var x = Tensor.Ones(new Shape(64));
        var first = a.Forward(x).ToFloatArray();
        var second = a.Forward(x).ToFloatArray();
        Assert.NotEqual(first, second);
        b.Calls = 1;
        Assert.Equal(second, b.Forward(x).ToFloatArray());
    }

    [Fact]
    public void Dropout_gradient_flows_only_through_kept_elements()
    {
        var dropout = new Dropout(0.5, seed: 3);
        var x = Tensor.Ones(new Shape(32));
        x.RequiresGrad = true;
        var y = dropout.Forward(x);
        y.Sum().Backward();
        Assert.Equal(y.ToFloatArray(), x.Grad!.ToFloatArray());
    }

    [Fact]
    public void Train_and_eval_switch_the_whole_tree()
    {
        var model = Mlp.Create([2, 4, 2], Activation.Relu, new Generator(1), dropout: 0.2);
        model.Eval();
        Assert.All(((Sequential)model).Layers, l => Assert.False(l.IsTraining));
        model.Train();
        Assert.All(((Sequential)model).Layers, l => Assert.True(l.IsTraining));
    }
}
