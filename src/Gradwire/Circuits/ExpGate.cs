namespace Gradwire.Circuits;

/// <summary><c>utop = e^u0</c>; exp'(x) = exp(x), the output itself.</summary>
public sealed class ExpGate : UnaryGate
{
    /// <inheritdoc/>
    public override string Op => "exp";

    /// <inheritdoc/>
    protected override double Apply(double x) => Math.Exp(x);

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) => y;
}
