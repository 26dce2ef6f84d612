namespace Gradwire.Circuits;

/// <summary>A circuit seen from outside: real inputs in, one real output (the guide's <c>forwardCircuit(x, y, z)</c>).</summary>
public delegate double CircuitFunction(ReadOnlySpan<double> inputs);

/// <summary>
/// Builds a circuit on <paramref name="inputs"/> (one <see cref="Unit"/> per real input, already in
/// <paramref name="circuit"/>) with the circuit's gate methods, and returns its output wire; the analytic-gradient
/// strategy then backpropagates through what was recorded.
/// </summary>
public delegate Unit CircuitBuilder(Circuit circuit, IReadOnlyList<Unit> inputs);
