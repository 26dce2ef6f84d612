using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

/// <summary>Where a textbook formula loses digits, the rule table must not.</summary>
public sealed class NumericalCareTests
{
    private static double Derivative(Func<Value, Value> f, double at)
    {
        Value x = at;
        f(x).Backward();
        return x.Grad;
    }

    [Fact]
    public void Asinh_derivative_is_finite_and_exact_for_huge_arguments()
    {
        Assert.Equal(1e-200, Derivative(x => x.Asinh(), 1e200), 1e-214);
        Assert.Equal(1e-200, Derivative(x => x.Asinh(), -1e200), 1e-214);
        Assert.Equal(1 / Math.Sqrt(1 + 0.25), Derivative(x => x.Asinh(), 0.5), 15);
    }

    [Fact]
    public void Acosh_derivative_keeps_its_digits_near_one()
    {
        var a = 1 + Math.Pow(2, -30);
        var exact = 1 / Math.Sqrt(Math.Pow(2, -29) + Math.Pow(2, -60)); // (a − 1)(a + 1), exactly representable

        var relative = Math.Abs(Derivative(x => x.Acosh(), a) - exact) / exact;

        Assert.True(relative < 1e-15, $"relative error {relative}");
    }

    [Fact]
    public void Sigmoid_is_stable_for_large_arguments()
    {
        Value big = -800, huge = 800;

        Assert.Equal(0, big.Sigmoid().Data);
        Assert.Equal(1, huge.Sigmoid().Data);
        var tiny = Math.Exp(-40) / (1 + Math.Exp(-40));
        Assert.True(Math.Abs(((Value)(-40)).Sigmoid().Data - tiny) <= 1e-15 * tiny);
        Assert.Equal(0, Derivative(x => x.Sigmoid(), -800));
    }

    [Fact]
    public void Atan2_covers_every_quadrant_with_the_right_gradient()
    {
        foreach (var (y, x) in new[] { (1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0), (2.0, 0.0), (0.0, -3.0) })
        {
            Value vy = y, vx = x;
            var angle = Value.Atan2(vy, vx);
            angle.Backward();

            Assert.Equal(Math.Atan2(y, x), angle.Data);
            Assert.Equal(x / (x * x + y * y), vy.Grad, 15);
            Assert.Equal(-y / (x * x + y * y), vx.Grad, 15);
        }
    }

    [Fact]
    public void Pow_with_a_variable_exponent_follows_pytorch_at_zero()
    {
        // 0^b for b > 0: ∂/∂b is 0 (masked), ∂/∂a is b·0^(b−1); x^0 has ∂/∂a = 0 even at 0.
        Value a = 0, b = 3;
        Value.Pow(a, b).Backward();
        Assert.Equal((0.0, 0.0), (a.Grad, b.Grad));

        Value c = 0, d = 0;
        var one = Value.Pow(c, d);
        one.Backward();
        Assert.Equal(1, one.Data);
        Assert.Equal((0.0, 0.0), (c.Grad, d.Grad));

        Value e = 2, f = 3;
        Value.Pow(e, f).Backward();
        Assert.Equal(12, e.Grad, 14);
        Assert.Equal(8 * Math.Log(2), f.Grad, 14);
    }

    [Fact]
    public void Pow_exponent_gradient_at_a_negative_base_is_nan_like_pytorch()
    {
        Value a = -2, b = 2;
        var p = Value.Pow(a, b);
        p.Backward();

        Assert.Equal(4, p.Data);
        Assert.Equal(-4, a.Grad);
        Assert.True(double.IsNaN(b.Grad));
    }
}
