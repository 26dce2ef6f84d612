namespace Gradwire.Circuits;

/// <summary><c>utop = tanh(u0)</c>; tanh'(x) = 1 − tanh(x)².</summary>
public sealed class TanhGate : UnaryGate
{
    /// <inheritdoc/>
    public override string Op => "tanh";

    /// <inheritdoc/>
    protected override double Apply(double x) => Math.Tanh(x);

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) => 1.0 - y * y;
}
