namespace Gradwire.Circuits;

/// <summary>
/// One wire of a real-valued circuit, as in the guide: the <see cref="Value"/> computed on the forward pass and
/// the <see cref="Grad"/>ient of the circuit's output with respect to it, filled in on the backward pass.
/// </summary>
/// <remarks>Gates accumulate into <see cref="Grad"/> with <c>+=</c>, so a wire that feeds two gates gets both pulls.</remarks>
public sealed class Unit
{
    /// <summary>A wire carrying <paramref name="value"/>, with gradient <paramref name="grad"/> (0 unless given).</summary>
    public Unit(double value, double grad = 0.0, string? label = null)
    {
        Value = value;
        Grad = grad;
        Label = label;
    }

    /// <summary>The value computed in the forward pass (the guide's <c>value</c>).</summary>
    public double Value { get; set; }

    /// <summary>d(circuit output)/d(this wire), computed in the backward pass (the guide's <c>grad</c>).</summary>
    public double Grad { get; set; }

    /// <summary>An optional name, for printing.</summary>
    public string? Label { get; set; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Label ?? "unit"}(value={Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, " +
        $"grad={Grad.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)})";
}
