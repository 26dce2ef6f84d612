namespace Gradwire.Circuits;

/// <summary>What one of the guide's strategies found.</summary>
/// <param name="StartOutput">The circuit's output at the starting inputs.</param>
/// <param name="Inputs">The improved inputs.</param>
/// <param name="Output">The circuit's output at <paramref name="Inputs"/>.</param>
/// <param name="Gradient">The gradient the step followed (null for random local search).</param>
/// <param name="Evaluations">How many times the circuit was run forward (the cost the guide warns about).</param>
public sealed record StrategyResult(
    double StartOutput,
    IReadOnlyList<double> Inputs,
    double Output,
    IReadOnlyList<double>? Gradient,
    int Evaluations);
