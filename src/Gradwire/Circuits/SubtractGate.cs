namespace Gradwire.Circuits;

/// <summary><c>utop = u0 − u1</c>; ∂/∂u0 = 1, ∂/∂u1 = −1.</summary>
public sealed class SubtractGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "-";

    /// <inheritdoc/>
    public override void Backward()
    {
        var top = Output;
        U0.Grad += 1.0 * top.Grad;
        U1.Grad += -1.0 * top.Grad;
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) => a - b;
}
