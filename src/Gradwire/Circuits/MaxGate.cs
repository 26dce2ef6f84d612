namespace Gradwire.Circuits;

/// <summary>
/// <c>utop = max(u0, u1)</c>: the gradient goes to the input that won the forward pass, the other gets 0.
/// At a tie the first input wins (the convention of the whole library).
/// </summary>
public sealed class MaxGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "max";

    /// <inheritdoc/>
    public override void Backward()
    {
        var top = Output;
        if (U0.Value >= U1.Value)
        {
            U0.Grad += 1.0 * top.Grad;
        }
        else
        {
            U1.Grad += 1.0 * top.Grad;
        }
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) => a >= b ? a : b;
}
