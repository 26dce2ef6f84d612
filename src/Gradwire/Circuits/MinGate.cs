namespace Gradwire.Circuits;

/// <summary><c>utop = min(u0, u1)</c>: the gradient goes to the smaller input; at a tie to the first.</summary>
public sealed class MinGate : BinaryGate
{
    /// <inheritdoc/>
    public override string Op => "min";

    /// <inheritdoc/>
    public override void Backward()
    {
        var top = Output;
        if (U0.Value <= U1.Value)
        {
            U0.Grad += 1.0 * top.Grad;
        }
        else
        {
            U1.Grad += 1.0 * top.Grad;
        }
    }

    /// <inheritdoc/>
    protected override double Apply(double a, double b) => a <= b ? a : b;
}
