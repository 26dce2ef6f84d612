namespace Gradwire.Circuits;

/// <summary><c>utop = u0 / u1</c>; ∂/∂u0 = 1/u1, ∂/∂u1 = −u0/u1².</summary>
public sealed class DivideGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "/";

    /// <inheritdoc/>
    public override void Backward()
    {
        var top = Output;
        var b = U1.Value;
        U0.Grad += (1.0 / b) * top.Grad;
        U1.Grad += (-U0.Value / (b * b)) * top.Grad;
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) =>
        b != 0.0 ? a / b : throw new ArithmeticException($"divide gate: {a} / 0 has no value (the divisor is 0).");
}
