using Gradwire.Circuits;
using Gradwire.Scalars;

namespace Gradwire.Tests.Docs;

/// <summary>The README's tour, line for line: if the README's code stops compiling or lies, this fails.</summary>
public sealed class ReadmeTourTests
{
    [Fact]
    public void A_gate_pulls_gradients_into_its_inputs()
    {
        var x = new Unit(-2.0);
        var y = new Unit(3.0);
        var gate = new MultiplyGate();
        var f = gate.Forward(x, y);
        f.Grad = 1.0;
        gate.Backward();

        Assert.Equal(-6.0, f.Value);
        Assert.Equal(3.0, x.Grad);
        Assert.Equal(-2.0, y.Grad);
    }

    [Fact]
    public void A_neuron_backpropagates_the_guides_numbers()
    {
        Value a = new(1.0, "a"), b = new(2.0, "b"), c = new(-3.0, "c");
        Value x = new(-1.0, "x"), y = new(3.0, "y");
        var s = (a * x + b * y + c).Sigmoid();
        s.Backward();

        Assert.Equal(0.8808, s.Data, 4);
        Assert.Equal(-0.105, a.Grad, 3);
        Assert.Equal(0.315, b.Grad, 3);
        Assert.Equal(0.105, c.Grad, 3);
        Assert.Equal(0.105, x.Grad, 3);
        Assert.Equal(0.210, y.Grad, 3);
    }

    [Fact]
    public void The_gradient_check_agrees()
    {
        var report = GradCheck.Gradient(v => (v[0] * v[3] + v[1] * v[4] + v[2]).Sigmoid(), [1, 2, -3, -1, 3]);

        Assert.True(report.MaxRelativeError < 1e-7, report.ToString());
    }

    [Fact]
    public void Derivatives_of_derivatives_and_forward_mode()
    {
        var d2 = Diff.Grad(Diff.Grad(t => t.Sin() * t));
        var h = Diff.Hessian(v => v[0] * v[0] * v[1], [3.0, 2.0]);
        var (value, slope) = Diff.Jvp((Dual t) => Dual.Exp(t), 0.0, 1.0);

        // d²/dt² (t sin t) = 2 cos t − t sin t
        Assert.Equal(2 * Math.Cos(0.7) - 0.7 * Math.Sin(0.7), d2(new Value(0.7)).Data, 12);
        Assert.Equal(new double[,] { { 4, 6 }, { 6, 0 } }, h);
        Assert.Equal((1.0, 1.0), (value, slope));
    }
}
