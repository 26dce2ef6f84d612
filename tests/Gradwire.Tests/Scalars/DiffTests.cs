using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

public sealed class DiffTests
{
    [Fact]
    public void Grad_of_grad_is_the_second_derivative()
    {
        static Value F(Value x) => x.Pow(3) * x.Sin();
        var second = Diff.Grad(Diff.Grad(F));

        var x0 = 1.3;
        var expected = 6 * x0 * Math.Sin(x0) + 6 * x0 * x0 * Math.Cos(x0) - x0 * x0 * x0 * Math.Sin(x0);
        Assert.Equal(expected, second(x0).Data, 13);
    }

    [Fact]
    public void Grad_in_reverse_mode_does_not_confuse_nested_variables()
    {
        var result = Diff.Grad(x => x * Diff.Grad(y => x + y)(1))(1);

        Assert.Equal(1, result.Data);
    }

    [Fact]
    public void ValueAndGrad_returns_both()
    {
        var (value, grad) = Diff.ValueAndGrad((Value[] v) => v[0] * v[1] + v[1])([3, 4]);

        Assert.Equal(16, value.Data);
        Assert.Equal(new[] { 4.0, 4.0 }, grad.Select(g => g.Data));
    }

    [Fact]
    public void Hessian_of_a_function_of_several_variables()
    {
        // f = x²y + sin(y)·z: H = [[2y, 2x, 0], [2x, −sin(y)z, cos y], [0, cos y, 0]].
        var h = Diff.Hessian(v => v[0] * v[0] * v[1] + v[1].Sin() * v[2], [1.5, -0.5, 2.0]);

        double x = 1.5, y = -0.5, z = 2.0;
        double[,] expected = { { 2 * y, 2 * x, 0 }, { 2 * x, -Math.Sin(y) * z, Math.Cos(y) }, { 0, Math.Cos(y), 0 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], h[i, j], 14);
            }
        }
    }

    [Fact]
    public void Vjp_pullback_scales_the_gradient_by_the_cotangent()
    {
        var (value, pullback) = Diff.Vjp(v => v[0].Exp() * v[1], [0.0, 5.0]);

        Assert.Equal(5, value);
        Assert.Equal(new[] { 10.0, 2.0 }, pullback(2));
        Assert.Equal(new[] { -5.0, -1.0 }, pullback(-1));
    }

    [Fact]
    public void Jvp_and_Vjp_agree_on_a_random_function()
    {
        var random = new Random(7);
        var at = new[] { random.NextDouble(), random.NextDouble() + 1, random.NextDouble() - 2 };
        var direction = new[] { 0.3, -1.1, 2.0 };

        var (_, forward) = Diff.Jvp(v => (v[0] * v[1]).Tanh() + v[1].Log() * v[2].Exp(), at, direction);
        var (_, pullback) = Diff.Vjp(v => (v[0] * v[1]).Tanh() + v[1].Log() * v[2].Exp(), at);
        var gradient = pullback(1);

        Assert.Equal(forward, gradient[0] * direction[0] + gradient[1] * direction[1] + gradient[2] * direction[2], 14);
    }

    [Fact]
    public void A_function_written_once_runs_in_every_mode()
    {
        static T F<T>(T x) where T : IScalar<T> => T.Sigmoid(x * x) + T.Atan2(x, T.FromDouble(2));

        Value x = 0.4;
        var y = F(x);
        y.Backward();
        var (value, tangent) = Diff.Jvp(F<Dual>, 0.4, 1.0);

        Assert.Equal(value, y.Data);
        Assert.Equal(tangent, x.Grad, 14);
    }
}
