namespace Gradwire.Circuits;

/// <summary>
/// Gates composed into a circuit. Each builder method (<see cref="Multiply"/>, <see cref="Add"/>,
/// <see cref="Sigmoid"/>, ...) runs a new gate forward and records it; <see cref="Backward"/> sets the pull on the
/// output and runs the recorded gates in reverse order, exactly as the guide calls <c>sg0.backward()</c>,
/// <c>addg1.backward()</c>, ... by hand.
/// </summary>
/// <example>
/// The guide's neuron σ(ax + by + c):
/// <code>
/// var circuit = new Circuit();
/// var (a, b, c, x, y) = (circuit.Input(1), circuit.Input(2), circuit.Input(-3), circuit.Input(-1), circuit.Input(3));
/// var s = circuit.Sigmoid(circuit.Add(circuit.Add(circuit.Multiply(a, x), circuit.Multiply(b, y)), c));
/// circuit.Backward(s);   // s.Value = 0.8808, a.Grad = -0.105, ...
/// </code>
/// </example>
public sealed class Circuit
{
    private readonly List<IGate> _gates = [];
    private readonly List<Unit> _inputs = [];

    /// <summary>The recorded gates, in forward order.</summary>
    public IReadOnlyList<IGate> Gates => _gates;

    /// <summary>The input wires made with <see cref="Input"/>, in order.</summary>
    public IReadOnlyList<Unit> Inputs => _inputs;

    /// <summary>A new input wire with <paramref name="value"/> and gradient 0.</summary>
    public Unit Input(double value, string? label = null)
    {
        var unit = new Unit(value, 0.0, label);
        _inputs.Add(unit);
        return unit;
    }

    /// <summary>Records a gate that has already run forward (for gates of your own).</summary>
    public TGate Record<TGate>(TGate gate)
        where TGate : IGate
    {
        ArgumentNullException.ThrowIfNull(gate);
        _ = gate.Output; // throws if the gate never ran forward
        _gates.Add(gate);
        return gate;
    }

    /// <summary><c>a · b</c> through a <see cref="MultiplyGate"/>.</summary>
    public Unit Multiply(Unit a, Unit b) => Binary(new MultiplyGate(), a, b);

    /// <summary><c>a + b</c> through an <see cref="AddGate"/>.</summary>
    public Unit Add(Unit a, Unit b) => Binary(new AddGate(), a, b);

    /// <summary><c>a − b</c> through a <see cref="SubtractGate"/>.</summary>
    public Unit Subtract(Unit a, Unit b) => Binary(new SubtractGate(), a, b);

    /// <summary><c>a / b</c> through a <see cref="DivideGate"/>.</summary>
    public Unit Divide(Unit a, Unit b) => Binary(new DivideGate(), a, b);

    /// <summary><c>max(a, b)</c> through a <see cref="MaxGate"/> (tie: the gradient goes to <paramref name="a"/>).</summary>
    public Unit Max(Unit a, Unit b) => Binary(new MaxGate(), a, b);

    /// <summary><c>min(a, b)</c> through a <see cref="MinGate"/> (tie: the gradient goes to <paramref name="a"/>).</summary>
    public Unit Min(Unit a, Unit b) => Binary(new MinGate(), a, b);

    /// <summary>σ(a) through a <see cref="SigmoidGate"/>.</summary>
    public Unit Sigmoid(Unit a) => Unary(new SigmoidGate(), a);

    /// <summary>max(a, 0) through a <see cref="ReluGate"/>.</summary>
    public Unit Relu(Unit a) => Unary(new ReluGate(), a);

    /// <summary>tanh(a) through a <see cref="TanhGate"/>.</summary>
    public Unit Tanh(Unit a) => Unary(new TanhGate(), a);

    /// <summary>e^a through an <see cref="ExpGate"/>.</summary>
    public Unit Exp(Unit a) => Unary(new ExpGate(), a);

    /// <summary>ln(a) through a <see cref="LogGate"/>.</summary>
    public Unit Log(Unit a) => Unary(new LogGate(), a);

    /// <summary>a^<paramref name="exponent"/> (a constant) through a <see cref="PowGate"/>.</summary>
    public Unit Pow(Unit a, double exponent) => Unary(new PowGate(exponent), a);

    /// <summary>
    /// Replays every recorded gate forward on the current input values (after you changed an input's
    /// <see cref="Unit.Value"/>), resetting the gradients of the intermediate wires to 0.
    /// </summary>
    public void Forward()
    {
        foreach (var gate in _gates)
        {
            gate.Forward();
        }
    }

    /// <summary>
    /// Backpropagation: sets <c>output.Grad = <paramref name="pull"/></c> (the guide's <c>s.grad = 1.0</c>, or the
    /// SVM's ±1 pull) and runs every recorded gate's backward in reverse order. Gradients accumulate into the
    /// input wires, so call <see cref="ZeroGrad"/> between passes unless you want them summed; the wires between
    /// gates start each pass at 0, so a second pass adds exactly one more gradient, not a compounded one.
    /// </summary>
    public void Backward(Unit output, double pull = 1.0)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var gate in _gates)
        {
            gate.Output.Grad = 0.0;
        }

        output.Grad = pull;
        for (var i = _gates.Count - 1; i >= 0; i--)
        {
            _gates[i].Backward();
        }
    }

    /// <summary>Sets the gradient of every wire of the circuit (inputs, gate inputs and outputs) to 0.</summary>
    public void ZeroGrad()
    {
        foreach (var unit in _inputs)
        {
            unit.Grad = 0.0;
        }

        foreach (var gate in _gates)
        {
            foreach (var unit in gate.Inputs)
            {
                unit.Grad = 0.0;
            }

            gate.Output.Grad = 0.0;
        }
    }

    /// <summary>Forgets every gate and input, so the circuit can be built again.</summary>
    public void Clear()
    {
        _gates.Clear();
        _inputs.Clear();
    }

    /// <summary>
    /// Turns a <paramref name="build"/> function into a plain function of real inputs (forward pass only), for
    /// <see cref="Strategies.RandomLocalSearch"/> and <see cref="Strategies.NumericalGradient"/>.
    /// </summary>
    public static CircuitFunction AsFunction(CircuitBuilder build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return inputs =>
        {
            var circuit = new Circuit();
            var units = new Unit[inputs.Length];
            for (var i = 0; i < units.Length; i++)
            {
                units[i] = circuit.Input(inputs[i]);
            }

            return build(circuit, units).Value;
        };
    }

    private Unit Binary(BinaryGate gate, Unit a, Unit b)
    {
        var output = gate.Forward(a, b);
        _gates.Add(gate);
        return output;
    }

    private Unit Unary(UnaryGate gate, Unit a)
    {
        var output = gate.Forward(a);
        _gates.Add(gate);
        return output;
    }
}
