namespace Gradwire.Circuits;

/// <summary>
/// The wiring shared by one-input gates: <see cref="Forward(Unit)"/> stores the input (the guide's <c>u0</c>) and
/// a new output wire (<c>utop</c>); a derived gate supplies the function and its local gradient.
/// </summary>
/// <remarks>
/// Backward is the same for every one-input gate, <c>u0.grad += f'(u0) · utop.grad</c>, so derived gates only
/// say what <see cref="LocalGradient"/> is; it gets the output too, since σ' = σ(1−σ) and exp' = exp read best that way.
/// </remarks>
public abstract class UnaryGate : IGate
{
    private Unit? _u0;
    private Unit? _utop;

    /// <inheritdoc/>
    public abstract string Op { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Unit> Inputs => [U0];

    /// <inheritdoc/>
    public Unit Output => _utop ?? throw NotForwarded();

    /// <summary>The input wire.</summary>
    protected Unit U0 => _u0 ?? throw NotForwarded();

    /// <summary>Computes the gate on <paramref name="u0"/>; returns a new output wire with gradient 0.</summary>
    public Unit Forward(Unit u0)
    {
        ArgumentNullException.ThrowIfNull(u0);
        _u0 = u0;
        _utop = new Unit(Apply(u0.Value));
        return _utop;
    }

    /// <inheritdoc/>
    public void Forward()
    {
        var top = Output;
        top.Value = Apply(U0.Value);
        top.Grad = 0.0;
    }

    /// <inheritdoc/>
    public void Backward()
    {
        var top = Output;
        U0.Grad += LocalGradient(U0.Value, top.Value) * top.Grad;
    }

    /// <summary>The gate's function of its input value.</summary>
    protected abstract double Apply(double x);

    /// <summary>d(output)/d(input) at input <paramref name="x"/> with output <paramref name="y"/>.</summary>
    protected abstract double LocalGradient(double x, double y);

    private InvalidOperationException NotForwarded() =>
        new($"{GetType().Name} ('{Op}'): call Forward(u0) before using its wires or calling Backward().");
}
