namespace Gradwire.Circuits;

/// <summary><c>utop = ln(u0)</c> for u0 &gt; 0; log'(x) = 1/x.</summary>
public sealed class LogGate : UnaryGate
{
    /// <inheritdoc/>
    public override string Op => "log";

    /// <inheritdoc/>
    protected override double Apply(double x) =>
        x > 0.0 ? Math.Log(x) : throw new ArithmeticException($"log gate: input {x} is outside its domain (0, ∞).");

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) => 1.0 / x;
}
