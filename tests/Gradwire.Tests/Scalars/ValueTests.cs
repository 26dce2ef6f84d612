using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

public sealed class ValueTests
{
    [Fact]
    public void Circuit_of_the_guide_has_the_guide_gradients()
    {
        Value x = new(-2, "x"), y = new(5, "y"), z = new(-4, "z");
        var f = (x + y) * z;

        f.Backward();

        Assert.Equal(-12, f.Data);
        Assert.Equal(1, f.Grad);
        Assert.Equal(-4, x.Grad);
        Assert.Equal(-4, y.Grad);
        Assert.Equal(3, z.Grad);
    }

    [Fact]
    public void Neuron_of_the_guide_has_the_guide_gradients()
    {
        Value a = 1, b = 2, c = -3, x = -1, y = 3;
        var s = (a * x + b * y + c).Sigmoid();

        s.Backward();

        Assert.Equal(0.8807970779778823, s.Data, 15);
        Assert.Equal(-0.10499358540350662, a.Grad, 15);
        Assert.Equal(0.31498075621051985, b.Grad, 15);
        Assert.Equal(0.10499358540350662, c.Grad, 15);
        Assert.Equal(0.10499358540350662, x.Grad, 15);
        Assert.Equal(0.20998717080701323, y.Grad, 15);
    }

    [Fact]
    public void A_wire_used_twice_accumulates_both_contributions()
    {
        Value a = 3;
        var f = a * a;

        f.Backward();

        Assert.Equal(6, a.Grad);
    }

    [Fact]
    public void Doubles_on_either_side_of_an_operator_are_constants()
    {
        Value x = 2;
        var f = 3.0 * x + 1.0 - x / 4.0 + (1.0 / x);

        f.Backward();

        Assert.Equal(3 * 2 + 1 - 0.5 + 0.5, f.Data);
        Assert.Equal(3 - 0.25 - 0.25, x.Grad);
    }

    [Fact]
    public void A_second_backward_adds_the_same_gradients_again()
    {
        Value x = 1.5;
        var y = x * 2;
        var f = (y * 3).Exp();

        f.Backward();
        var first = x.Grad;
        var firstInterior = y.Grad;
        f.Backward();

        Assert.Equal(2 * first, x.Grad);
        Assert.Equal(2 * firstInterior, y.Grad);
        Assert.Equal(2, f.Grad);
    }

    [Fact]
    public void ZeroGrad_clears_every_node_below()
    {
        Value x = 1.5, w = -2;
        var h = x * w;
        var f = h.Tanh();
        f.Backward();

        f.ZeroGrad();

        Assert.All(new[] { x, w, h, f }, v => Assert.Equal(0, v.Grad));
    }

    [Fact]
    public void A_million_node_chain_goes_forward_and_backward_without_recursion()
    {
        Value x = 0.5;
        var chain = x;
        for (var i = 0; i < 1_000_000; i++)
        {
            chain = -chain; // a million nodes, each one deeper than the last
        }

        chain.Backward();
        Assert.Equal(0.5, chain.Data);
        Assert.Equal(1, x.Grad);
        chain.ZeroGrad();
        Assert.Equal(0, x.Grad);
        Assert.Equal(1_000_001, chain.TopologicalOrder().Count);
        Assert.Equal(1, Value.Gradients(chain, [x], createGraph: false)[0].Data);
    }

    [Fact]
    public void Max_routes_the_gradient_to_the_first_argument_at_a_tie()
    {
        Value a = 2, b = 2;
        Value.Max(a, b).Backward();
        Assert.Equal((1.0, 0.0), (a.Grad, b.Grad));

        Value c = 2, d = 2;
        Value.Min(c, d).Backward();
        Assert.Equal((1.0, 0.0), (c.Grad, d.Grad));
    }

    [Fact]
    public void Relu_and_abs_have_zero_slope_at_zero()
    {
        Value a = 0, b = 0;
        a.Relu().Backward();
        b.Abs().Backward();

        Assert.Equal(0, a.Grad);
        Assert.Equal(0, b.Grad);
    }

    [Fact]
    public void Topological_order_puts_children_first_in_argument_order()
    {
        Value a = new(1, "a"), b = new(2, "b");
        var c = a * b;
        c.Label = "c";
        var d = c + a;
        d.Label = "d";

        var order = d.TopologicalOrder();

        Assert.Equal(new[] { "a", "b", "c", "d" }, order.Select(v => v.Label));
    }

    [Fact]
    public void Op_names_and_children_describe_the_node()
    {
        Value a = 2, b = 3;

        Assert.Equal("", a.Op);
        Assert.Empty(a.Children);
        Assert.Equal("*", (a * b).Op);
        Assert.Equal(new[] { a, b }, (a * b).Children);
        Assert.Equal("exp", a.Exp().Op);
        Assert.Equal("^2", a.Pow(2).Op);
        Assert.Equal("pow", a.Pow(b).Op);
        Assert.Equal("max", Value.Max(a, b).Op);
        Assert.Single(a.Exp().Children);
    }

    [Fact]
    public void Gradients_with_create_graph_can_be_differentiated_again()
    {
        Value x = 0.7;
        var f = x.Sin() * x * x; // f = x² sin x

        var g = Value.Gradients(f, [x], createGraph: true)[0];
        var h = Value.Gradients(g, [x], createGraph: true)[0];
        var t = Value.Gradients(h, [x], createGraph: false)[0];

        double s = Math.Sin(0.7), c = Math.Cos(0.7), v = 0.7;
        Assert.Equal(2 * v * s + v * v * c, g.Data, 14);
        Assert.Equal(2 * s + 4 * v * c - v * v * s, h.Data, 14);
        Assert.Equal(6 * c - 6 * v * s - v * v * c, t.Data, 13);
        Assert.Equal(0, x.Grad); // Gradients never touches Grad
    }

    [Fact]
    public void Gradients_of_an_unrelated_node_are_zero()
    {
        Value x = 1, unrelated = 5;
        var f = x * 2;

        var grads = Value.Gradients(f, [x, unrelated], createGraph: false);

        Assert.Equal(2, grads[0].Data);
        Assert.Equal(0, grads[1].Data);
    }

    [Fact]
    public void Pow_with_a_constant_exponent_accepts_a_negative_base()
    {
        Value x = -3;
        var f = x.Pow(2);

        f.Backward();

        Assert.Equal(9, f.Data);
        Assert.Equal(-6, x.Grad);
    }

    [Fact]
    public void Pow_exponent_gradient_is_zero_at_a_zero_base_like_pytorch()
    {
        Value a = 0, b = 2;
        var f = Value.Pow(a, b);

        f.Backward();

        Assert.Equal(0, f.Data);
        Assert.Equal(0, a.Grad);
        Assert.Equal(0, b.Grad);
    }

    [Fact]
    public void Outside_the_domain_the_value_is_nan_like_pytorch()
    {
        Assert.True(double.IsNaN(((Value)(-1)).Log().Data));
        Assert.True(double.IsNaN(((Value)0.5).Acosh().Data));
        Assert.True(double.IsNaN(((Value)2).Asin().Data));
    }

    [Fact]
    public void Same_expression_gives_the_same_numbers_every_time()
    {
        static (double, double, double) Run()
        {
            Value x = 0.3, y = -1.2;
            var f = (x * y + x.Exp()).Tanh() * (y - x).Sigmoid() + Value.Max(x, y);
            f.Backward();
            return (f.Data, x.Grad, y.Grad);
        }

        Assert.Equal(Run(), Run());
    }
}
