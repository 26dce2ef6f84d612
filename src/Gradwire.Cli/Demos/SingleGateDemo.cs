using Gradwire.Circuits;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 1, base case: one multiply gate f(x, y) = x·y at (−2, 3) and the guide's three strategies to make
/// its output larger: random local search, the numerical gradient, the analytic gradient.
/// </summary>
internal sealed class SingleGateDemo : IDemo
{
    private const int Seed = 1;
    private const double TweakAmount = 0.01;
    private const int Tries = 100;
    private const double H = 0.0001;
    private const double StepSize = 0.01;

    public string Name => "single-gate";

    public string Summary => "x*y at (-2, 3): random local search, numerical and analytic gradient";

    public int Order => 100;

    public void Run(DemoReport report)
    {
        CircuitFunction forwardMultiplyGate = inputs => inputs[0] * inputs[1];
        CircuitBuilder multiplyCircuit = (circuit, u) => circuit.Multiply(u[0], u[1]);
        double[] start = [-2, 3];

        var output = forwardMultiplyGate(start);
        report.Heading("A single gate: f(x, y) = x * y");
        report.Line($"forwardMultiplyGate(-2, 3) = {F(output)}");
        report.Set("x", start[0]);
        report.Set("y", start[1]);
        report.Set("output", output);

        report.Heading("Strategy #1: random local search");
        var search = Strategies.RandomLocalSearch(forwardMultiplyGate, start, new Random(Seed), TweakAmount, Tries);
        report.Line($"{Tries} tries of x, y +/- {TweakAmount} around (-2, 3), System.Random seed {Seed}");
        report.Line($"best: x = {F(search.Inputs[0])}, y = {F(search.Inputs[1])} -> {F(search.Output)} " +
                    $"({(search.Output > output ? "beats" : "does not beat")} {F(output, 0)})");
        report.Set("random_search.seed", Seed);
        report.Set("random_search.tweak_amount", TweakAmount);
        report.Set("random_search.tries", Tries);
        report.Set("random_search.x", search.Inputs[0]);
        report.Set("random_search.y", search.Inputs[1]);
        report.Set("random_search.output", search.Output);
        report.Set("random_search.beats_start", search.Output > output);

        report.Heading("Strategy #2: numerical gradient");
        var numerical = Strategies.NumericalGradientStep(forwardMultiplyGate, start, StepSize, H, DifferenceScheme.Forward);
        var gradient = numerical.Gradient!;
        report.Line($"(f(x + h, y) - f(x, y)) / h with h = {H}: df/dx = {F(gradient[0])}  (exactly {gradient[0]:R})");
        report.Line($"(f(x, y + h) - f(x, y)) / h with h = {H}: df/dy = {F(gradient[1])}  (exactly {gradient[1]:R})");
        report.Line($"step {StepSize} along the gradient: x = {F(numerical.Inputs[0])}, y = {F(numerical.Inputs[1])} -> {F(numerical.Output)}");
        report.Set("numerical.h", H);
        report.Set("numerical.grad_x", gradient[0]);
        report.Set("numerical.grad_y", gradient[1]);
        report.Set("numerical.step_size", StepSize);
        report.Set("numerical.x", numerical.Inputs[0]);
        report.Set("numerical.y", numerical.Inputs[1]);
        report.Set("numerical.output", numerical.Output);
        report.Set("numerical.evaluations", numerical.Evaluations);

        report.Heading("Strategy #3: analytic gradient");
        var analytic = Strategies.AnalyticGradientStep(multiplyCircuit, start, StepSize);
        var exact = analytic.Gradient!;
        report.Line($"df/dx = y = {F(exact[0])}, df/dy = x = {F(exact[1])} (one backward pass, no extra evaluations)");
        report.Line($"step {StepSize} along the gradient: x = {F(analytic.Inputs[0])}, y = {F(analytic.Inputs[1])} -> {F(analytic.Output)}");
        report.Set("analytic.grad_x", exact[0]);
        report.Set("analytic.grad_y", exact[1]);
        report.Set("analytic.x", analytic.Inputs[0]);
        report.Set("analytic.y", analytic.Inputs[1]);
        report.Set("analytic.output", analytic.Output);
    }

    private static string F(double value, int decimals = 4) => DemoReport.F(value, decimals);
}
