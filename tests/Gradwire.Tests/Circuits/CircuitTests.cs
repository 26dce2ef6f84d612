using Gradwire.Circuits;

namespace Gradwire.Tests.Circuits;

public sealed class CircuitTests
{
    [Fact]
    public void Neuron_circuit_gives_the_guide_output_and_gradients()
    {
        var circuit = new Circuit();
        var a = circuit.Input(1);
        var b = circuit.Input(2);
        var c = circuit.Input(-3);
        var x = circuit.Input(-1);
        var y = circuit.Input(3);
        var s = circuit.Sigmoid(circuit.Add(circuit.Add(circuit.Multiply(a, x), circuit.Multiply(b, y)), c));

        circuit.Backward(s);

        Assert.Equal(0.8807970779778823, s.Value, 1e-15);
        Assert.Equal(-0.10499358540350662, a.Grad, 1e-15);
        Assert.Equal(0.31498075621051985, b.Grad, 1e-15);
        Assert.Equal(0.10499358540350662, c.Grad, 1e-15);
        Assert.Equal(0.10499358540350662, x.Grad, 1e-15);
        Assert.Equal(0.20998717080701323, y.Grad, 1e-15);
        Assert.Equal(5, circuit.Gates.Count);
    }

    [Fact]
    public void Replaying_forward_after_a_step_gives_the_guide_improved_output()
    {
        var circuit = new Circuit();
        var inputs = new[] { 1.0, 2, -3, -1, 3 };
        var units = inputs.Select(v => circuit.Input(v)).ToArray();
        var (a, b, c, x, y) = (units[0], units[1], units[2], units[3], units[4]);
        var s = circuit.Sigmoid(circuit.Add(circuit.Add(circuit.Multiply(a, x), circuit.Multiply(b, y)), c));
        circuit.Backward(s);
        foreach (var u in units)
        {
            u.Value += 0.01 * u.Grad;
        }

        circuit.Forward();

        Assert.Equal(0.8825501816218984, s.Value, 1e-13);
    }

    [Fact]
    public void Backward_runs_gates_in_reverse_order_through_two_gates()
    {
        var circuit = new Circuit();
        var x = circuit.Input(-2);
        var y = circuit.Input(5);
        var z = circuit.Input(-4);
        var f = circuit.Multiply(circuit.Add(x, y), z);

        circuit.Backward(f);

        Assert.Equal(-12.0, f.Value);
        Assert.Equal(new[] { -4.0, -4.0, 3.0 }, new[] { x.Grad, y.Grad, z.Grad });
    }

    [Fact]
    public void Gradients_accumulate_until_zero_grad()
    {
        var circuit = new Circuit();
        var x = circuit.Input(-2);
        var y = circuit.Input(3);
        var f = circuit.Multiply(x, y);

        circuit.Backward(f);
        circuit.Backward(f);
        Assert.Equal(6.0, x.Grad);

        circuit.ZeroGrad();
        Assert.Equal(0.0, x.Grad);
        Assert.Equal(0.0, f.Grad);
        circuit.Backward(f, pull: -1.0);
        Assert.Equal(-3.0, x.Grad);
        Assert.Equal(2.0, y.Grad);
    }

    [Fact]
    public void Record_rejects_a_gate_that_never_ran_forward()
    {
        var circuit = new Circuit();
        Assert.Throws<InvalidOperationException>(() => circuit.Record(new AddGate()));
    }

    [Fact]
    public void Record_adds_a_hand_wired_gate_to_the_backward_pass()
    {
        var circuit = new Circuit();
        var a = circuit.Input(4);
        var gate = new PowGate(2);
        var top = gate.Forward(a);
        circuit.Record(gate);

        circuit.Backward(top);

        Assert.Equal(8.0, a.Grad);
    }

    [Fact]
    public void Clear_forgets_gates_and_inputs()
    {
        var circuit = new Circuit();
        circuit.Add(circuit.Input(1), circuit.Input(2));
        circuit.Clear();
        Assert.Empty(circuit.Gates);
        Assert.Empty(circuit.Inputs);
    }
}

public sealed class CircuitBackwardTwiceTests
{
    [Fact]
    public void A_second_backward_adds_exactly_one_more_gradient_through_inner_wires()
    {
        var circuit = new Gradwire.Circuits.Circuit();
        var x = circuit.Input(-2, "x");
        var y = circuit.Input(5, "y");
        var z = circuit.Input(-4, "z");
        var f = circuit.Multiply(circuit.Add(x, y), z);

        circuit.Backward(f);
        circuit.Backward(f);

        // One pass gives (-4, -4, 3); two passes sum to twice that, not a compounded -12 through q.
        Assert.Equal(-8.0, x.Grad);
        Assert.Equal(-8.0, y.Grad);
        Assert.Equal(6.0, z.Grad);
    }
}
