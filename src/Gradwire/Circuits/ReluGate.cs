namespace Gradwire.Circuits;

/// <summary>ReLU, the guide's <c>max(a, 0)</c>: passes the gradient if the input was above 0, stops it otherwise (relu'(0) = 0).</summary>
public sealed class ReluGate : UnaryGate
{
    /// <inheritdoc/>
    public override string Op => "relu";

    /// <inheritdoc/>
    protected override double Apply(double x) => x > 0.0 ? x : 0.0;

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) => x > 0.0 ? 1.0 : 0.0;
}
