using Gradwire.Circuits;

namespace Gradwire.Guide;

/// <summary>
/// Chapter 1, base case: one multiply gate f(x, y) = x·y at (−2, 3) and the guide's three strategies to make
/// its output larger: random local search, the numerical gradient (forward difference), the analytic gradient.
/// </summary>
public static class SingleGate
{
    /// <summary>The guide's settings: seed 1, tweak 0.01, 100 tries, h = 1e-4, step 0.01, start (−2, 3).</summary>
    public static SingleGateSettings GuideSettings { get; } = new(1, 0.01, 100, 0.0001, 0.01, -2, 3);

    /// <summary>The circuit <c>x · y</c> as a plain function (the guide's <c>forwardMultiplyGate</c>).</summary>
    public static double ForwardMultiplyGate(ReadOnlySpan<double> inputs) => inputs[0] * inputs[1];

    /// <summary>Runs the three strategies from <see cref="SingleGateSettings.X"/>, <see cref="SingleGateSettings.Y"/>.</summary>
    public static SingleGateResult Run(SingleGateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CircuitFunction forward = ForwardMultiplyGate;
        CircuitBuilder circuit = (c, u) => c.Multiply(u[0], u[1]);
        double[] start = [settings.X, settings.Y];
        var output = forward(start);
        var search = Strategies.RandomLocalSearch(forward, start, new Random(settings.Seed), settings.TweakAmount, settings.Tries);
        var numerical = Strategies.NumericalGradientStep(forward, start, settings.StepSize, settings.H, DifferenceScheme.Forward);
        var analytic = Strategies.AnalyticGradientStep(circuit, start, settings.StepSize);
        return new SingleGateResult(settings, output, search, numerical, analytic);
    }
}

/// <summary>The knobs of <see cref="SingleGate.Run"/>.</summary>
/// <param name="Seed">System.Random seed of the random local search.</param>
/// <param name="TweakAmount">Each try moves x and y by up to ± this.</param>
/// <param name="Tries">How many random tries.</param>
/// <param name="H">The finite-difference step of the numerical gradient.</param>
/// <param name="StepSize">How far the gradient strategies step along the gradient.</param>
/// <param name="X">The starting x.</param>
/// <param name="Y">The starting y.</param>
public sealed record SingleGateSettings(int Seed, double TweakAmount, int Tries, double H, double StepSize, double X, double Y);

/// <summary>What <see cref="SingleGate.Run"/> found.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="Output">f(x, y) at the start.</param>
/// <param name="RandomSearch">Strategy 1: the best random tweak.</param>
/// <param name="Numerical">Strategy 2: one step along the forward-difference gradient.</param>
/// <param name="Analytic">Strategy 3: one step along the exact gradient (one backward pass).</param>
public sealed record SingleGateResult(
    SingleGateSettings Settings, double Output, StrategyResult RandomSearch, StrategyResult Numerical, StrategyResult Analytic);
