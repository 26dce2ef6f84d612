namespace Gradwire.Circuits;

/// <summary>
/// The wiring shared by two-input gates: <see cref="Forward(Unit, Unit)"/> stores the inputs (the guide's
/// <c>u0</c>, <c>u1</c>) and a new output wire (<c>utop</c>); a derived gate supplies the function and its backward.
/// </summary>
public abstract class BinaryGate : IGate
{
    private Unit? _u0;
    private Unit? _u1;
    private Unit? _utop;

    /// <inheritdoc/>
    public abstract string Op { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Unit> Inputs => [U0, U1];

    /// <inheritdoc/>
    public Unit Output => _utop ?? throw NotForwarded();

    /// <summary>The first input wire.</summary>
    protected Unit U0 => _u0 ?? throw NotForwarded();

    /// <summary>The second input wire.</summary>
    protected Unit U1 => _u1 ?? throw NotForwarded();

    /// <summary>Computes the gate on <paramref name="u0"/> and <paramref name="u1"/>; returns a new output wire with gradient 0.</summary>
    public Unit Forward(Unit u0, Unit u1)
    {
        ArgumentNullException.ThrowIfNull(u0);
        ArgumentNullException.ThrowIfNull(u1);
        _u0 = u0;
        _u1 = u1;
        _utop = new Unit(Apply(u0.Value, u1.Value));
        return _utop;
    }

    /// <inheritdoc/>
    public void Forward()
    {
        var top = Output;
        top.Value = Apply(U0.Value, U1.Value);
        top.Grad = 0.0;
    }

    /// <inheritdoc/>
    public abstract void Backward();

    /// <summary>The gate's function of its two input values.</summary>
    protected abstract double Apply(double a, double b);

    private InvalidOperationException NotForwarded() =>
        new($"{GetType().Name} ('{Op}'): call Forward(u0, u1) before using its wires or calling Backward().");
}
