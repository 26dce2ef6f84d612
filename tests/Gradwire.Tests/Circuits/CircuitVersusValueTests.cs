using Gradwire.Circuits;
using Gradwire.Scalars;

namespace Gradwire.Tests.Circuits;

/// <summary>The gates and <see cref="Value"/> are two implementations of one idea: random circuits must agree.</summary>
public sealed class CircuitVersusValueTests
{
    [Fact]
    public void Random_circuits_backpropagate_like_value_graphs()
    {
        var random = new Random(2024);
        for (var trial = 0; trial < 100; trial++)
        {
            var circuit = new Circuit();
            var units = new List<Unit>();
            var values = new List<Value>();
            for (var i = 0; i < 3; i++)
            {
                var v = random.NextDouble() * 2 - 1;
                units.Add(circuit.Input(v));
                values.Add(new Value(v));
            }

            for (var step = 0; step < 20; step++)
            {
                var i = random.Next(units.Count);
                var j = random.Next(units.Count); // may equal i: a wire used twice
                switch (random.Next(9))
                {
                    case 0:
                        units.Add(circuit.Multiply(units[i], units[j]));
                        values.Add(values[i] * values[j]);
                        break;
                    case 1:
                        units.Add(circuit.Add(units[i], units[j]));
                        values.Add(values[i] + values[j]);
                        break;
                    case 2:
                        units.Add(circuit.Subtract(units[i], units[j]));
                        values.Add(values[i] - values[j]);
                        break;
                    case 3:
                        units.Add(circuit.Max(units[i], units[j]));
                        values.Add(Value.Max(values[i], values[j]));
                        break;
                    case 4:
                        units.Add(circuit.Min(units[i], units[j]));
                        values.Add(Value.Min(values[i], values[j]));
                        break;
                    case 5:
                        units.Add(circuit.Sigmoid(units[i]));
                        values.Add(values[i].Sigmoid());
                        break;
                    case 6:
                        units.Add(circuit.Tanh(units[i]));
                        values.Add(values[i].Tanh());
                        break;
                    case 7:
                        units.Add(circuit.Relu(units[i]));
                        values.Add(values[i].Relu());
                        break;
                    default:
                        units.Add(circuit.Pow(units[i], 2));
                        values.Add(values[i].Pow(2));
                        break;
                }
            }

            circuit.Backward(units[^1]);
            values[^1].Backward();

            Assert.Equal(values[^1].Data, units[^1].Value, 12);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(values[i].Grad, units[i].Grad, 1e-10);
            }
        }
    }
}
