namespace Gradwire.Circuits;

/// <summary>The guide's <c>addGate</c>: <c>utop = u0 + u1</c>; both local gradients are 1 (the gradient is routed unchanged).</summary>
public sealed class AddGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "+";

    /// <inheritdoc/>
    public override void Backward()
    {
        var top = Output;
        U0.Grad += 1.0 * top.Grad;
        U1.Grad += 1.0 * top.Grad;
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) => a + b;
}
