using Gradwire.Circuits;

namespace Gradwire.Tests.Circuits;

public sealed class GateTests
{
    private const double H = 1e-6;

    public static TheoryData<string> BinaryGates => new() { "*", "+", "-", "/", "max", "min" };

    public static TheoryData<string> UnaryGates => new() { "sigmoid", "relu", "tanh", "exp", "log", "pow2", "pow-1", "pow0.5" };

    [Theory]
    [MemberData(nameof(BinaryGates))]
    public void Binary_gate_backward_matches_central_differences(string op)
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = random.NextDouble() * 6 - 3;
            var b = random.NextDouble() * 6 - 3;
            if (op is "/" && Math.Abs(b) < 0.2 || op is "max" or "min" && Math.Abs(a - b) < 1e-3)
            {
                continue; // stay inside the domain and away from the kink
            }

            var pull = random.NextDouble() * 4 - 2;
            var u0 = new Unit(a);
            var u1 = new Unit(b);
            var gate = MakeBinary(op);
            var top = gate.Forward(u0, u1);
            top.Grad = pull;
            gate.Backward();

            double F(double x, double y) => MakeBinary(op).Forward(new Unit(x), new Unit(y)).Value;
            var da = (F(a + H, b) - F(a - H, b)) / (2 * H) * pull;
            var db = (F(a, b + H) - F(a, b - H)) / (2 * H) * pull;
            Assert.Equal(da, u0.Grad, 1e-6 * (1 + Math.Abs(da)));
            Assert.Equal(db, u1.Grad, 1e-6 * (1 + Math.Abs(db)));
        }
    }

    [Theory]
    [MemberData(nameof(UnaryGates))]
    public void Unary_gate_backward_matches_central_differences(string op)
    {
        var random = new Random(99);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = random.NextDouble() * 6 - 3;
            if (op is "log" or "pow0.5" or "pow-1")
            {
                a = 0.2 + random.NextDouble() * 3;
            }

            if (op is "relu" && Math.Abs(a) < 1e-3)
            {
                continue;
            }

            var pull = random.NextDouble() * 4 - 2;
            var u0 = new Unit(a);
            var gate = MakeUnary(op);
            var top = gate.Forward(u0);
            top.Grad = pull;
            gate.Backward();

            double F(double x) => MakeUnary(op).Forward(new Unit(x)).Value;
            var expected = (F(a + H) - F(a - H)) / (2 * H) * pull;
            Assert.Equal(expected, u0.Grad, 1e-6 * (1 + Math.Abs(expected)));
        }
    }

    [Fact]
    public void Multiply_gate_is_a_switcher_with_the_guide_numbers()
    {
        var x = new Unit(-2);
        var y = new Unit(3);
        var gate = new MultiplyGate();
        var top = gate.Forward(x, y);
        top.Grad = 1.0;
        gate.Backward();

        Assert.Equal(-6.0, top.Value);
        Assert.Equal(3.0, x.Grad);
        Assert.Equal(-2.0, y.Grad);
    }

    [Fact]
    public void A_wire_used_twice_accumulates_both_gradients()
    {
        var a = new Unit(3);
        var gate = new MultiplyGate();
        var top = gate.Forward(a, a);
        top.Grad = 1.0;
        gate.Backward();

        Assert.Equal(9.0, top.Value);
        Assert.Equal(6.0, a.Grad); // da = a·dx + a·dx = 2a
    }

    [Fact]
    public void Max_routes_the_gradient_to_the_first_argument_at_a_tie()
    {
        var a = new Unit(2);
        var b = new Unit(2);
        var gate = new MaxGate();
        gate.Forward(a, b).Grad = 5.0;
        gate.Backward();

        Assert.Equal(5.0, a.Grad);
        Assert.Equal(0.0, b.Grad);
    }

    [Fact]
    public void Max_routes_the_gradient_only_to_the_larger_input()
    {
        var a = new Unit(-1);
        var b = new Unit(4);
        var gate = new MaxGate();
        var top = gate.Forward(a, b);
        top.Grad = 2.0;
        gate.Backward();

        Assert.Equal(4.0, top.Value);
        Assert.Equal(0.0, a.Grad);
        Assert.Equal(2.0, b.Grad);
    }

    [Fact]
    public void Min_routes_the_gradient_to_the_first_argument_at_a_tie()
    {
        var a = new Unit(-7);
        var b = new Unit(-7);
        var gate = new MinGate();
        gate.Forward(a, b).Grad = 1.0;
        gate.Backward();

        Assert.Equal(1.0, a.Grad);
        Assert.Equal(0.0, b.Grad);
    }

    [Fact]
    public void Relu_stops_the_gradient_at_zero_and_below()
    {
        foreach (var x in new[] { 0.0, -0.5 })
        {
            var u = new Unit(x);
            var gate = new ReluGate();
            gate.Forward(u).Grad = 1.0;
            gate.Backward();
            Assert.Equal(0.0, gate.Output.Value);
            Assert.Equal(0.0, u.Grad);
        }
    }

    [Fact]
    public void Sigmoid_gate_has_the_guide_local_gradient()
    {
        var u = new Unit(2);
        var gate = new SigmoidGate();
        gate.Forward(u).Grad = 1.0;
        gate.Backward();

        Assert.Equal(0.8807970779778823, gate.Output.Value, 1e-15);
        Assert.Equal(0.8807970779778823 * (1 - 0.8807970779778823), u.Grad, 1e-15);
    }

    [Fact]
    public void Backward_before_forward_names_the_gate()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MultiplyGate().Backward());
        Assert.Contains("MultiplyGate", error.Message);
        Assert.Contains("Forward", error.Message);
    }

    [Fact]
    public void Log_of_a_non_positive_input_is_a_clear_error()
    {
        var error = Assert.Throws<ArithmeticException>(() => new LogGate().Forward(new Unit(-1)));
        Assert.Contains("log", error.Message);
        Assert.Contains("-1", error.Message);
    }

    [Fact]
    public void Division_by_zero_is_a_clear_error()
    {
        var error = Assert.Throws<ArithmeticException>(() => new DivideGate().Forward(new Unit(1), new Unit(0)));
        Assert.Contains("divide", error.Message);
    }

    [Fact]
    public void Pow_of_a_negative_base_with_a_fractional_exponent_is_a_clear_error()
    {
        Assert.Throws<ArithmeticException>(() => new PowGate(0.5).Forward(new Unit(-4)));
        Assert.Equal(-8.0, new PowGate(3).Forward(new Unit(-2)).Value);
    }

    [Fact]
    public void Forward_again_recomputes_the_output_in_place_and_clears_its_gradient()
    {
        var a = new Unit(2);
        var b = new Unit(3);
        var gate = new AddGate();
        var top = gate.Forward(a, b);
        top.Grad = 7;
        a.Value = 10;
        gate.Forward();

        Assert.Same(top, gate.Output);
        Assert.Equal(13.0, top.Value);
        Assert.Equal(0.0, top.Grad);
    }

    private static BinaryGate MakeBinary(string op) => op switch
    {
        "*" => new MultiplyGate(),
        "+" => new AddGate(),
        "-" => new SubtractGate(),
        "/" => new DivideGate(),
        "max" => new MaxGate(),
        "min" => new MinGate(),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static UnaryGate MakeUnary(string op) => op switch
    {
        "sigmoid" => new SigmoidGate(),
        "relu" => new ReluGate(),
        "tanh" => new TanhGate(),
        "exp" => new ExpGate(),
        "log" => new LogGate(),
        "pow2" => new PowGate(2),
        "pow-1" => new PowGate(-1),
        "pow0.5" => new PowGate(0.5),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
