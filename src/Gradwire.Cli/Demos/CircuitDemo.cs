using Gradwire.Circuits;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 1, multiple gates: f(x, y, z) = (x + y)·z at (−2, 5, −4), backpropagation through the add and
/// multiply gates, one step along the gradient, and the numerical gradient check.
/// </summary>
internal sealed class CircuitDemo : IDemo
{
    private const double StepSize = 0.01;
    private const double H = 0.0001;

    public string Name => "circuit";

    public string Summary => "(x+y)*z at (-2, 5, -4): backpropagation and a gradient check";

    public int Order => 110;

    public void Run(DemoReport report)
    {
        var circuit = new Circuit();
        var x = circuit.Input(-2, "x");
        var y = circuit.Input(5, "y");
        var z = circuit.Input(-4, "z");
        var q = circuit.Add(x, y);
        var f = circuit.Multiply(q, z);

        report.Heading("Two gates: q = x + y, f = q * z");
        report.Line($"x = -2, y = 5, z = -4: q = {F(q.Value)}, f = {F(f.Value)}");
        report.Set("q", q.Value);
        report.Set("output", f.Value);
        var output = f.Value;

        report.Heading("Backpropagation (chain rule, from the output back)");
        circuit.Backward(f);
        report.Line($"df/dz = q = {F(z.Grad)}, df/dq = z = {F(q.Grad)}");
        report.Line($"df/dx = dq/dx * df/dq = 1 * {F(q.Grad)} = {F(x.Grad)}");
        report.Line($"df/dy = dq/dy * df/dq = 1 * {F(q.Grad)} = {F(y.Grad)}");
        report.Line($"gradient [df/dx, df/dy, df/dz] = [{F(x.Grad)}, {F(y.Grad)}, {F(z.Grad)}]");
        report.Set("grad_q", q.Grad);
        report.Set("grad", [x.Grad, y.Grad, z.Grad]);

        double[] gradient = [x.Grad, y.Grad, z.Grad];
        foreach (var unit in new[] { x, y, z })
        {
            unit.Value += StepSize * unit.Grad;
        }

        circuit.Forward();
        report.Heading($"One step of {StepSize} along the gradient");
        report.Line($"x = {F(x.Value)}, y = {F(y.Value)}, z = {F(z.Value)}: q = {F(q.Value)}, f = {F(f.Value)} (up from {DemoReport.F(output, 0)})");
        report.Set("step.inputs", [x.Value, y.Value, z.Value]);
        report.Set("step.q", q.Value);
        report.Set("step.output", f.Value);

        report.Heading($"Numerical gradient check at (-2, 5, -4), h = {H}");
        CircuitFunction forwardCircuit = v => (v[0] + v[1]) * v[2];
        var numerical = Strategies.NumericalGradient(forwardCircuit, [-2, 5, -4], H, DifferenceScheme.Forward);
        var central = Strategies.NumericalGradient(forwardCircuit, [-2, 5, -4], H, DifferenceScheme.Central);
        var worst = 0.0;
        for (var i = 0; i < 3; i++)
        {
            worst = Math.Max(worst, Math.Max(Math.Abs(numerical[i] - gradient[i]), Math.Abs(central[i] - gradient[i])));
        }

        report.Line($"forward differences: [{F(numerical[0])}, {F(numerical[1])}, {F(numerical[2])}]");
        report.Line($"central differences: [{F(central[0])}, {F(central[1])}, {F(central[2])}]");
        report.Line($"largest difference from backprop: {worst:E2} -> {(worst < 1e-6 ? "agrees" : "DISAGREES")}");
        report.Set("check.forward", numerical);
        report.Set("check.central", central);
        report.Set("check.max_abs_error", worst);
        report.Set("check.agrees", worst < 1e-6);
    }

    private static string F(double value) => DemoReport.F(value);
}
