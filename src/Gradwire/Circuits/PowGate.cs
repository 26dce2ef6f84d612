namespace Gradwire.Circuits;

/// <summary>
/// <c>utop = u0^p</c> for a constant exponent p; d/du0 = p · u0^(p−1). <c>new PowGate(2)</c> is the guide's
/// <c>x2 * x2</c>, <c>new PowGate(-1)</c> its <c>1.0/a</c> (local gradient −1/a²).
/// </summary>
public sealed class PowGate : UnaryGate
{
    /// <summary>A gate raising its input to the constant <paramref name="exponent"/>.</summary>
    public PowGate(double exponent)
    {
        if (!double.IsFinite(exponent))
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "pow gate: the exponent must be a finite number.");
        }

        Exponent = exponent;
    }

    /// <summary>The constant exponent p.</summary>
    public double Exponent { get; }

    /// <inheritdoc/>
    public override string Op => "pow";

    /// <inheritdoc/>
    protected override double Apply(double x)
    {
        if (x < 0.0 && Exponent != Math.Round(Exponent))
        {
            throw new ArithmeticException($"pow gate: {x}^{Exponent} is not real (negative base, non-integer exponent).");
        }

        if (x == 0.0 && Exponent < 0.0)
        {
            throw new ArithmeticException($"pow gate: 0^{Exponent} has no value.");
        }

        return Math.Pow(x, Exponent);
    }

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) =>
        Exponent == 0.0 ? 0.0 : Exponent * Math.Pow(x, Exponent - 1.0);
}
