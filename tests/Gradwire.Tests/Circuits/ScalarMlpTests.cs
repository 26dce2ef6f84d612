using Gradwire.Circuits;
using Gradwire.Scalars;

namespace Gradwire.Tests.Circuits;

public sealed class ScalarMlpTests
{
    [Fact]
    public void Micrograd_moons_model_has_337_parameters()
    {
        var mlp = new ScalarMlp(2, [16, 16, 1], new Random(1));

        Assert.Equal(2 * 16 + 16 + 16 * 16 + 16 + 16 + 1, mlp.Parameters.Count);
        Assert.Equal(1, mlp.Outputs);
        Assert.All(mlp.Parameters, p => Assert.InRange(p.Data, -1.0, 1.0));
    }

    [Fact]
    public void Forward_is_relu_layers_then_a_linear_output()
    {
        var mlp = new ScalarMlp(2, [2, 1], new Random(1));
        var p = mlp.Parameters; // w00 w01 b0 w10 w11 b1 | v0 v1 c
        double[] x = [0.3, -0.7];
        var h0 = Math.Max(0, p[0].Data * x[0] + p[1].Data * x[1] + p[2].Data);
        var h1 = Math.Max(0, p[3].Data * x[0] + p[4].Data * x[1] + p[5].Data);
        var expected = p[6].Data * h0 + p[7].Data * h1 + p[8].Data;

        var output = mlp.Forward([new Value(x[0]), new Value(x[1])]);

        Assert.Single(output);
        Assert.Equal(expected, output[0].Data, 14);
    }

    [Fact]
    public void Parameter_gradients_match_central_differences()
    {
        var mlp = new ScalarMlp(3, [4, 4, 2], new Random(7));
        Value[] x = [new Value(0.5), new Value(-1.2), new Value(2.0)];

        double Loss()
        {
            var o = mlp.Forward(x);
            return (o[0] * o[0] + o[1].Tanh()).Data;
        }

        var output = mlp.Forward(x);
        var loss = output[0] * output[0] + output[1].Tanh();
        mlp.ZeroGrad();
        loss.Backward();
        const double h = 1e-6;
        foreach (var p in mlp.Parameters)
        {
            var saved = p.Data;
            p.Data = saved + h;
            var plus = Loss();
            p.Data = saved - h;
            var minus = Loss();
            p.Data = saved;
            Assert.Equal((plus - minus) / (2 * h), p.Grad, 1e-6);
        }
    }

    [Fact]
    public void Zero_grad_clears_every_parameter()
    {
        var mlp = new ScalarMlp(2, [3, 1], new Random(2));
        var y = mlp.Forward([new Value(1), new Value(2)])[0];
        y.Backward();
        Assert.Contains(mlp.Parameters, p => p.Grad != 0);

        mlp.ZeroGrad();

        Assert.All(mlp.Parameters, p => Assert.Equal(0.0, p.Grad));
    }

    [Fact]
    public void Same_seed_gives_the_same_weights()
    {
        var a = new ScalarMlp(2, [4, 1], new Random(11)).Parameters.Select(p => p.Data);
        var b = new ScalarMlp(2, [4, 1], new Random(11)).Parameters.Select(p => p.Data);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Wrong_input_count_and_bad_sizes_are_named()
    {
        var mlp = new ScalarMlp(2, [1], new Random(1));
        var error = Assert.Throws<ArgumentException>(() => mlp.Forward([new Value(1)]));
        Assert.Contains("expected 2 inputs, got 1", error.Message);
        Assert.Throws<ArgumentException>(() => new ScalarMlp(2, [], new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarMlp(2, [3, 0], new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarMlp(0, [3], new Random(1)));
    }
}
