using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="SingleGate.Run"/> with the guide's settings: the maths is in the samples library.</summary>
internal sealed class SingleGateDemo : IDemo
{
    public string Name => "single-gate";

    public string Summary => "x*y at (-2, 3): random local search, numerical and analytic gradient";

    public int Order => 100;

    public void Run(DemoReport report)
    {
        var r = SingleGate.Run(SingleGate.GuideSettings);
        var s = r.Settings;
        report.Heading("A single gate: f(x, y) = x * y");
        report.Line($"forwardMultiplyGate(-2, 3) = {F(r.Output)}");
        report.Set("x", s.X);
        report.Set("y", s.Y);
        report.Set("output", r.Output);

        var search = r.RandomSearch;
        report.Heading("Strategy #1: random local search");
        report.Line($"{s.Tries} tries of x, y +/- {s.TweakAmount} around (-2, 3), System.Random seed {s.Seed}");
        report.Line($"best: x = {F(search.Inputs[0])}, y = {F(search.Inputs[1])} -> {F(search.Output)} " +
                    $"({(search.Output > r.Output ? "beats" : "does not beat")} {F(r.Output, 0)})");
        report.Set("random_search.seed", s.Seed);
        report.Set("random_search.tweak_amount", s.TweakAmount);
        report.Set("random_search.tries", s.Tries);
        report.Set("random_search.x", search.Inputs[0]);
        report.Set("random_search.y", search.Inputs[1]);
        report.Set("random_search.output", search.Output);
        report.Set("random_search.beats_start", search.Output > r.Output);

        var numerical = r.Numerical;
        var gradient = numerical.Gradient!;
        report.Heading("Strategy #2: numerical gradient");
        report.Line($"(f(x + h, y) - f(x, y)) / h with h = {s.H}: df/dx = {F(gradient[0])}  (exactly {gradient[0]:R})");
        report.Line($"(f(x, y + h) - f(x, y)) / h with h = {s.H}: df/dy = {F(gradient[1])}  (exactly {gradient[1]:R})");
        report.Line($"step {s.StepSize} along the gradient: x = {F(numerical.Inputs[0])}, y = {F(numerical.Inputs[1])} -> {F(numerical.Output)}");
        report.Set("numerical.h", s.H);
        report.Set("numerical.grad_x", gradient[0]);
        report.Set("numerical.grad_y", gradient[1]);
        report.Set("numerical.step_size", s.StepSize);
        report.Set("numerical.x", numerical.Inputs[0]);
        report.Set("numerical.y", numerical.Inputs[1]);
        report.Set("numerical.output", numerical.Output);
        report.Set("numerical.evaluations", numerical.Evaluations);

        var analytic = r.Analytic;
        var exact = analytic.Gradient!;
        report.Heading("Strategy #3: analytic gradient");
        report.Line($"df/dx = y = {F(exact[0])}, df/dy = x = {F(exact[1])} (one backward pass, no extra evaluations)");
        report.Line($"step {s.StepSize} along the gradient: x = {F(analytic.Inputs[0])}, y = {F(analytic.Inputs[1])} -> {F(analytic.Output)}");
        report.Set("analytic.grad_x", exact[0]);
        report.Set("analytic.grad_y", exact[1]);
        report.Set("analytic.x", analytic.Inputs[0]);
        report.Set("analytic.y", analytic.Inputs[1]);
        report.Set("analytic.output", analytic.Output);
    }

    private static string F(double value, int decimals = 4) => DemoReport.F(value, decimals);
}
