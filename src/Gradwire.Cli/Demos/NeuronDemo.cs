using Gradwire.Circuits;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 1, a single neuron σ(ax + by + c) at a = 1, b = 2, c = −3, x = −1, y = 3: built from the guide's
/// Units and gates with the backward calls written out in reverse, then the same with <see cref="Value"/>,
/// then the numerical gradient check.
/// </summary>
internal sealed class NeuronDemo : IDemo
{
    private const double StepSize = 0.01;
    private const double H = 0.0001;
    private static readonly string[] Names = ["a", "b", "c", "x", "y"];
    private static readonly double[] Start = [1, 2, -3, -1, 3];

    public string Name => "neuron";

    public string Summary => "sigmoid(a*x + b*y + c) with Units and gates, with Value, and a numerical check";

    public int Order => 120;

    public void Run(DemoReport report)
    {
        var gates = WithGates();
        report.Heading("A neuron from Units and gates: s = sigmoid(a*x + b*y + c)");
        report.Line("a = 1, b = 2, c = -3, x = -1, y = 3");
        var (ax, by, axpby, axpbypc) = gates.Wires;
        report.Line($"forward: a*x = {F(ax, 0)}, b*y = {F(by, 0)}, a*x + b*y = {F(axpby, 0)}, + c = {F(axpbypc, 0)}, sigmoid -> {F(gates.Output, 5)}");
        report.Line("backward: s.grad = 1; sg0, addg1, addg0, mulg1, mulg0 in reverse order");
        PrintGradients(report, "gates", gates.Gradient);
        report.Line($"step {StepSize} along the gradient, forward again -> {F(gates.StepOutput, 5)} (up from {F(gates.Output, 5)})");
        report.Set("gates.output", gates.Output);
        report.Set("gates.step_output", gates.StepOutput);

        var values = WithValues();
        report.Heading("The same neuron with Value (autodiff)");
        report.Line($"s = (a*x + b*y + c).Sigmoid() = {F(values.Output, 5)}; s.Backward()");
        PrintGradients(report, "value", values.Gradient);
        report.Line($"step {StepSize} along the gradient -> {F(values.StepOutput, 5)}");
        report.Set("value.output", values.Output);
        report.Set("value.step_output", values.StepOutput);
        var gatesVsValue = DemoMath.MaxAbsDiff(gates.Gradient, values.Gradient);
        report.Line($"largest difference between the gates' and Value's gradients: {gatesVsValue:E2}");
        report.Set("value.max_abs_diff_from_gates", gatesVsValue);

        report.Heading($"Numerical gradient check (h = {H})");
        CircuitFunction forwardCircuitFast = v => 1.0 / (1.0 + Math.Exp(-(v[0] * v[3] + v[1] * v[4] + v[2])));
        var forward = Strategies.NumericalGradient(forwardCircuitFast, Start, H, DifferenceScheme.Forward);
        var central = Strategies.NumericalGradient(forwardCircuitFast, Start, H, DifferenceScheme.Central);
        var forwardError = DemoMath.MaxAbsDiff(forward, gates.Gradient);
        var centralError = DemoMath.MaxAbsDiff(central, gates.Gradient);
        report.Line($"forward differences: [{string.Join(", ", forward.Select(g => F(g)))}], largest error {forwardError:E2}");
        report.Line($"central differences: [{string.Join(", ", central.Select(g => F(g)))}], largest error {centralError:E2}");
        var agrees = forwardError < 1e-4 && centralError < 1e-8;
        report.Line(agrees ? "backprop agrees with the numerical gradient" : "backprop DISAGREES with the numerical gradient");
        report.Set("numerical.forward", forward);
        report.Set("numerical.central", central);
        report.Set("numerical.max_abs_error_forward", forwardError);
        report.Set("numerical.max_abs_error_central", centralError);
        report.Set("numerical.agrees", agrees);
    }

    private static (double Output, double[] Gradient, double StepOutput, (double Ax, double By, double AxPlusBy, double AxPlusByPlusC) Wires) WithGates()
    {
        var a = new Unit(1.0);
        var b = new Unit(2.0);
        var c = new Unit(-3.0);
        var x = new Unit(-1.0);
        var y = new Unit(3.0);
        var mulg0 = new MultiplyGate();
        var mulg1 = new MultiplyGate();
        var addg0 = new AddGate();
        var addg1 = new AddGate();
        var sg0 = new SigmoidGate();

        Unit ForwardNeuron()
        {
            var ax = mulg0.Forward(a, x); // a*x = -1
            var by = mulg1.Forward(b, y); // b*y = 6
            var axpby = addg0.Forward(ax, by); // a*x + b*y = 5
            var axpbypc = addg1.Forward(axpby, c); // a*x + b*y + c = 2
            return sg0.Forward(axpbypc); // sig(a*x + b*y + c) = 0.8808
        }

        var s = ForwardNeuron();
        var output = s.Value;
        var wires = (mulg0.Output.Value, mulg1.Output.Value, addg0.Output.Value, addg1.Output.Value);
        s.Grad = 1.0;
        sg0.Backward();
        addg1.Backward();
        addg0.Backward();
        mulg1.Backward();
        mulg0.Backward();
        double[] gradient = [a.Grad, b.Grad, c.Grad, x.Grad, y.Grad];
        foreach (var unit in new[] { a, b, c, x, y })
        {
            unit.Value += StepSize * unit.Grad;
        }

        return (output, gradient, ForwardNeuron().Value, wires);
    }

    private static (double Output, double[] Gradient, double StepOutput) WithValues()
    {
        var inputs = new Value[Start.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = new Value(Start[i], Names[i]);
        }

        static Value Neuron(Value[] v) => (v[0] * v[3] + v[1] * v[4] + v[2]).Sigmoid();

        var s = Neuron(inputs);
        s.Backward();
        var gradient = inputs.Select(v => v.Grad).ToArray();
        foreach (var v in inputs)
        {
            v.Data += StepSize * v.Grad;
        }

        return (s.Data, gradient, Neuron(inputs).Data);
    }

    private static void PrintGradients(DemoReport report, string path, double[] gradient)
    {
        var parts = new List<string>();
        for (var i = 0; i < Names.Length; i++)
        {
            parts.Add($"{Names[i]}.grad = {F(gradient[i], 3)}");
            report.Set($"{path}.grad.{Names[i]}", gradient[i]);
        }

        report.Line(string.Join(", ", parts));
    }


    private static string F(double value, int decimals = 4) => DemoReport.F(value, decimals);
}
