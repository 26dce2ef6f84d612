using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Tests.NN;

namespace Gradwire.Tests.Optim;

/// <summary>
/// Every optimizer against PyTorch 1.13 in float64: five steps on f(w) = ½Σaᵢwᵢ² + Σcᵢwᵢ from w = [1, −2, 3]
/// (a = [1, 2, 3], c = [0.5, −1, 0.25]). Numbers from <c>tests/Gradwire.Tests/NN/goldens/optim_goldens.json</c>
/// (written by <c>make_goldens.py</c> beside it).
/// </summary>
public sealed class OptimizerGoldenTests
{
    private static readonly Tensor A = Tensor.FromArray([1.0, 2.0, 3.0]).DetachFromScope();
    private static readonly Tensor C = Tensor.FromArray([0.5, -1.0, 0.25]).DetachFromScope();

    public static TheoryData<string> Cases =>
        new(OptimGoldenFile.Root.GetProperty("optimizers").EnumerateObject().Select(p => p.Name));

    private static Optimizer Make(string name, Parameter[] p) => name switch
    {
        "sgd" => new Sgd(p, 0.1),
        "sgd_momentum" => new Sgd(p, 0.1, momentum: 0.9),
        "sgd_nesterov_wd" => new Sgd(p, 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
        "sgd_dampening" => new Sgd(p, 0.1, momentum: 0.5, dampening: 0.3),
        "adam" => new Adam(p, 0.1),
        "adam_wd" => new Adam(p, 0.1, weightDecay: 0.1),
        "adamw" => new AdamW(p, 0.1, weightDecay: 0.1),
        "adagrad" => new Adagrad(p, 0.1),
        "adadelta" => new Adadelta(p, 1.0),
        _ => throw new ArgumentException(name),
    };

    internal static Tensor Objective(Tensor w) => (A * w * w).Sum() * 0.5 + (C * w).Sum();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Five_steps_match_pytorch(string name)
    {
        var expected = OptimGoldenFile.Numbers("optimizers", name);
        var w = new Parameter(Tensor.FromArray([1.0, -2.0, 3.0]));
        var optimizer = Make(name, [w]);
        for (var i = 0; i < 5; i++)
        {
            optimizer.ZeroGrad();
            Objective(w.Value).Backward();
            optimizer.Step();
        }

        var actual = w.Value.ToDoubleArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }

    [Fact]
    public void Lbfgs_without_line_search_matches_pytorch_and_finds_the_minimum()
    {
        var w = new Parameter(Tensor.FromArray([1.0, -2.0, 3.0]));
        var optimizer = new Lbfgs([w], 1, maxIterations: 20);
        optimizer.Step(() =>
        {
            optimizer.ZeroGrad();
            var f = Objective(w.Value);
            f.Backward();
            return f;
        });
        var actual = w.Value.ToDoubleArray();
        var expected = OptimGoldenFile.Numbers("lbfgs");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], actual[i], 9);
        }

        // The minimum is w = −c/a.
        Assert.Equal([-0.5, 0.5, -0.0833], actual.Select(v => Math.Round(v, 4)).ToArray());
    }

    [Fact]
    public void Float32_parameters_follow_the_float64_rule_closely()
    {
        var w64 = new Parameter(Tensor.FromArray([1.0, -2.0, 3.0]));
        var w32 = new Parameter(Tensor.FromArray([1f, -2f, 3f]));
        var o64 = new Adam([w64], 0.1);
        var o32 = new Adam([w32], 0.1);
        var a32 = A.To(DType.Float32);
        var c32 = C.To(DType.Float32);
        for (var i = 0; i < 5; i++)
        {
            o64.ZeroGrad();
            Objective(w64.Value).Backward();
            o64.Step();
            o32.ZeroGrad();
            ((a32 * w32.Value * w32.Value).Sum() * 0.5 + (c32 * w32.Value).Sum()).Backward();
            o32.Step();
        }

        var x = w64.Value.ToDoubleArray();
        var y = w32.Value.ToDoubleArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(x[i], y[i], 5);
        }
    }
}
