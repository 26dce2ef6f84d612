namespace Gradwire.Circuits;

/// <summary>The guide's <c>multiplyGate</c>: <c>utop = u0 · u1</c>; ∂/∂u0 = u1, ∂/∂u1 = u0 (a "switcher").</summary>
public sealed class MultiplyGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "*";

    /// <inheritdoc/>
    public override void Backward()
    {
        // Each input's gradient is the other input's value, times the gradient from above.
        var top = Output;
        U0.Grad += U1.Value * top.Grad;
        U1.Grad += U0.Value * top.Grad;
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) => a * b;
}
