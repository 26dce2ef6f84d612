using Gradwire.Circuits;

namespace Gradwire.Tests.Circuits;

public sealed class StrategyTests
{
    private static readonly CircuitFunction Multiply = x => x[0] * x[1];

    private static readonly CircuitBuilder MultiplyCircuit = (c, u) => c.Multiply(u[0], u[1]);

    private static readonly CircuitBuilder AddMultiply = (c, u) => c.Multiply(c.Add(u[0], u[1]), u[2]);

    [Fact]
    public void Random_local_search_beats_the_start_of_the_single_gate()
    {
        var result = Strategies.RandomLocalSearch(Multiply, [-2, 3], new Random(1), tweakAmount: 0.01, iterations: 100);

        Assert.Equal(-6.0, result.StartOutput);
        Assert.True(result.Output > -6.0, $"best {result.Output}");
        Assert.Equal(result.Inputs[0] * result.Inputs[1], result.Output, 1e-15);
        Assert.Null(result.Gradient);
        Assert.Equal(101, result.Evaluations);
        Assert.InRange(result.Inputs[0], -2.01, -1.99);
    }

    [Fact]
    public void Random_local_search_is_deterministic_under_a_seed()
    {
        var first = Strategies.RandomLocalSearch(Multiply, [-2, 3], new Random(42));
        var second = Strategies.RandomLocalSearch(Multiply, [-2, 3], new Random(42));
        var other = Strategies.RandomLocalSearch(Multiply, [-2, 3], new Random(43));

        Assert.Equal(first.Inputs, second.Inputs);
        Assert.Equal(first.Output, second.Output);
        Assert.NotEqual(first.Output, other.Output);
    }

    [Fact]
    public void Random_local_search_can_minimize()
    {
        var result = Strategies.RandomLocalSearch(Multiply, [-2, 3], new Random(7), objective: Objective.Minimize);
        Assert.True(result.Output < -6.0);
    }

    [Fact]
    public void Forward_difference_gradient_is_the_guide_estimate()
    {
        var gradient = Strategies.NumericalGradient(Multiply, [-2, 3], h: 1e-4);

        Assert.Equal(3.0, gradient[0], 1e-9);
        Assert.Equal(-2.0, gradient[1], 1e-9);
        Assert.NotEqual(3.0, gradient[0]); // forward differences carry rounding error, as the guide's 3.00000000000189
    }

    [Fact]
    public void Central_differences_are_more_accurate_than_forward_differences()
    {
        CircuitFunction cube = x => x[0] * x[0] * x[0];
        var forward = Strategies.NumericalGradient(cube, [2], h: 1e-3, DifferenceScheme.Forward)[0];
        var central = Strategies.NumericalGradient(cube, [2], h: 1e-3, DifferenceScheme.Central)[0];

        Assert.True(Math.Abs(central - 12) < Math.Abs(forward - 12) / 100, $"forward {forward}, central {central}");
    }

    [Fact]
    public void Numerical_gradient_step_gives_the_guide_improved_output()
    {
        var result = Strategies.NumericalGradientStep(Multiply, [-2, 3], stepSize: 0.01, h: 1e-4);

        Assert.Equal(-5.8706, result.Output, 1e-9);
        Assert.Equal(-1.97, result.Inputs[0], 1e-9);
        Assert.Equal(2.98, result.Inputs[1], 1e-9);
        Assert.Equal(4, result.Evaluations); // f(x), f(x+h,y), f(x,y+h), f(new)
    }

    [Fact]
    public void Analytic_gradient_is_exact_and_its_step_matches_the_numerical_one()
    {
        var (output, gradient) = Strategies.AnalyticGradient(MultiplyCircuit, [-2, 3]);
        var step = Strategies.AnalyticGradientStep(MultiplyCircuit, [-2, 3], stepSize: 0.01);

        Assert.Equal(-6.0, output);
        Assert.Equal(new[] { 3.0, -2.0 }, gradient);
        Assert.Equal(-5.8706, step.Output, 1e-12);
        Assert.Equal(-6.0, step.StartOutput);
    }

    [Fact]
    public void Analytic_gradient_of_the_two_gate_circuit_agrees_with_central_differences()
    {
        var (output, gradient) = Strategies.AnalyticGradient(AddMultiply, [-2, 5, -4]);
        var numerical = Strategies.NumericalGradient(Circuit.AsFunction(AddMultiply), [-2, 5, -4], 1e-5, DifferenceScheme.Central);

        Assert.Equal(-12.0, output);
        Assert.Equal(new[] { -4.0, -4.0, 3.0 }, gradient);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(gradient[i], numerical[i], 1e-8);
        }

        var step = Strategies.AnalyticGradientStep(AddMultiply, [-2, 5, -4], 0.01);
        Assert.Equal(-11.5924, step.Output, 1e-12);
    }

    [Fact]
    public void Many_gradient_steps_keep_improving_a_loss()
    {
        CircuitBuilder bowl = (c, u) => c.Add(c.Pow(u[0], 2), c.Pow(u[1], 2));
        var analytic = Strategies.AnalyticGradientStep(bowl, [1, 2], stepSize: 0.1, steps: 50, objective: Objective.Minimize);
        var numerical = Strategies.NumericalGradientStep(Circuit.AsFunction(bowl), [1, 2], 0.1, 1e-6, DifferenceScheme.Central, 50, Objective.Minimize);

        Assert.Equal(5.0, analytic.StartOutput);
        Assert.True(analytic.Output < 1e-8);
        Assert.Equal(analytic.Output, numerical.Output, 1e-9);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Throws<ArgumentException>(() => Strategies.NumericalGradient(Multiply, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Strategies.NumericalGradient(Multiply, [1, 2], h: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Strategies.RandomLocalSearch(Multiply, [1, 2], new Random(1), iterations: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Strategies.AnalyticGradientStep(MultiplyCircuit, [1, 2], steps: 0));
    }
}
