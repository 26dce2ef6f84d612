using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

public sealed class GradCheckTests
{
    [Fact]
    public void A_correct_gradient_passes_with_small_errors_per_input()
    {
        var report = GradCheck.Gradient(v => (v[0] * v[1]).Tanh() + v[2].Exp() / v[0], [0.7, -1.3, 0.2]);

        Assert.True(report.Passes());
        Assert.Equal(3, report.Inputs.Count);
        Assert.All(report.Inputs, e => Assert.True(e.RelativeError < 1e-8, e.ToString()));
        Assert.True(report.MaxAbsoluteError < 1e-8);
    }

    [Fact]
    public void A_kink_is_reported_as_a_disagreement_for_that_input_only()
    {
        // relu′(0) = 0 by convention, the central difference sees (h − 0) / 2h = 0.5.
        var report = GradCheck.Gradient(v => v[0].Relu() + v[1] * v[1], [0.0, 3.0]);

        Assert.False(report.Passes());
        Assert.Equal(0.5, report.Inputs[0].AbsoluteError, 6);
        Assert.Equal(1, report.Inputs[0].RelativeError, 6);
        Assert.True(report.Inputs[1].RelativeError < 1e-8);
    }

    [Fact]
    public void Second_order_check_compares_the_hessian_with_differences_of_the_gradient()
    {
        var report = GradCheck.Hessian(v => v[0].Sin() * v[1].Pow(3) + v[0].Log(), [1.2, 0.8]);

        Assert.True(report.Passes(1e-6, 1e-7), report.ToString());
        Assert.Equal(4, report.Analytic.Count);
        Assert.Equal(report.Analytic[1], report.Analytic[2], 14); // symmetric
    }

    [Fact]
    public void A_nonpositive_step_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCheck.Gradient(v => v[0], [1.0], step: 0));
    }
}
