namespace Gradwire.Circuits;

/// <summary>The guide's <c>sigmoidGate</c>: σ(x) = 1/(1 + e^−x); σ'(x) = σ(x)(1 − σ(x)).</summary>
public sealed class SigmoidGate : UnaryGate
{
    /// <inheritdoc/>
    public override string Op => "sigmoid";

    /// <summary>σ(x) = 1/(1 + e^−x).</summary>
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <inheritdoc/>
    protected override double Apply(double x) => Sigmoid(x);

    /// <inheritdoc/>
    protected override double LocalGradient(double x, double y) => y * (1.0 - y);
}
