using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

public sealed class DualTests
{
    [Fact]
    public void Nested_derivatives_do_not_confuse_their_perturbations()
    {
        // Siskind and Pearlmutter: d/dx [x · d/dy (x + y)] at y = 1 is 1; an untagged implementation gives 2.
        var result = Diff.Derivative(x => x * Diff.Derivative(y => x + y, 1), 1);

        Assert.Equal(1, result.Primal);
    }

    [Fact]
    public void An_inner_derivative_that_depends_on_the_outer_variable_keeps_that_dependence()
    {
        // d/dx [d/dy (x·y)] = d/dx [x] = 1, and d/dx [x · d/dy (x·y²)] at y = 2 = d/dx [4x²] = 8x.
        Assert.Equal(1, Diff.Derivative(x => Diff.Derivative(y => x * y, 3), 5).Primal);
        Assert.Equal(8 * 1.5, Diff.Derivative(x => x * Diff.Derivative(y => x * y * y, 2), 1.5).Primal, 14);
    }

    [Fact]
    public void Third_derivative_by_nesting_three_times()
    {
        static Dual Cube(Dual x) => x * x * x;

        var third = Diff.Derivative(a => Diff.Derivative(b => Diff.Derivative(Cube, b), a), 0.7);

        Assert.Equal(6, third.Primal, 14);
    }

    [Fact]
    public void Jvp_gives_value_and_directional_derivative()
    {
        var (value, tangent) = Diff.Jvp(x => x[0].Sin() * x[1], [0.5, 2.0], [1.0, 3.0]);

        Assert.Equal(Math.Sin(0.5) * 2, value, 15);
        Assert.Equal(Math.Cos(0.5) * 2 * 1 + Math.Sin(0.5) * 3, tangent, 15);
    }

    [Fact]
    public void Jvp_rejects_a_direction_of_the_wrong_length()
    {
        var error = Assert.Throws<ArgumentException>(() => Diff.Jvp(x => x[0], [1.0, 2.0], [1.0]));

        Assert.Contains("2 primals but 1 tangents", error.Message);
    }

    [Fact]
    public void A_constant_exponent_input_does_not_poison_the_tangent()
    {
        // pow(x, c) through the variable-exponent rule: ∂/∂c = out·ln x is NaN for x < 0, but c is constant.
        var (value, tangent) = Diff.Jvp(x => Dual.Pow(x, new Dual(2)), -3.0, 1.0);

        Assert.Equal(9, value);
        Assert.Equal(-6, tangent);
    }

    [Fact]
    public void Ties_and_kinks_follow_the_conventions_in_forward_mode_too()
    {
        Assert.Equal(1, Diff.Jvp(x => Dual.Max(x, new Dual(2)), 2.0, 1.0).Tangent);
        Assert.Equal(0, Diff.Jvp(x => Dual.Max(new Dual(2), x), 2.0, 1.0).Tangent);
        Assert.Equal(0, Diff.Jvp((Dual x) => x.Relu(), 0.0, 1.0).Tangent);
        Assert.Equal(0, Diff.Jvp((Dual x) => x.Abs(), 0.0, 1.0).Tangent);
    }
}
