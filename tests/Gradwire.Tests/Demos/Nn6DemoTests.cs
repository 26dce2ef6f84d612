namespace Gradwire.Tests.Demos;

public sealed class Nn6DemoTests
{
    [Fact]
    public void Optimize_add_reaches_the_origin()
    {
        var json = DemoJson.Run("optimize-add");

        Assert.Equal(0.0, json["x"].D(), 4);
        Assert.Equal(0.0, json["y"].D(), 4);
        Assert.Equal(0.0, json["f"].D(), 4);
        var log = json["log"]!.AsArray();
        Assert.Equal(5.0, log[0]!["f"].D()); // 1^2 + 2^2 at the start
    }

    [Fact]
    public void Optimize_sum_reaches_the_minimum_two_on_the_line_y_equals_minus_x()
    {
        var json = DemoJson.Run("optimize-sum");

        Assert.Equal(2.0, json["f"].D(), 4);
        Assert.Equal(0.0, json["x_plus_y"].D(), 4);
        Assert.Equal(-0.5, json["x"].D(), 4);
        Assert.Equal(0.5, json["y"].D(), 4);
    }

    [Theory]
    [InlineData("solve-xy")]
    [InlineData("solve-learn-xy")]
    public void Solving_the_system_gives_one_one(string demo)
    {
        var json = DemoJson.Run(demo);

        Assert.Equal(1.0, json["x"].D(), 4);
        Assert.Equal(1.0, json["y"].D(), 4);
    }

    [Fact]
    public void Solve_mat_xy_checks_the_vectorized_gradient_and_gives_one_one()
    {
        var json = DemoJson.Run("solve-mat-xy");

        Assert.True(json["start_gradient"]!["agree"].Flag());
        Assert.Equal(new[] { -16.0, -10.0 }, json["start_gradient"]!["formula"].Vector()); // 2 A^T (0 - b)
        var v = json["v"].Vector();
        Assert.Equal(1.0, v[0], 4);
        Assert.Equal(1.0, v[1], 4);
        Assert.True(json["residual"].D() < 1e-12);
    }

    [Fact]
    public void Perceptron_finds_the_least_squares_weights_and_computes_and()
    {
        var json = DemoJson.Run("perceptron");

        Assert.Equal(0.5, json["w1"].D(), 4);
        Assert.Equal(0.5, json["w2"].D(), 4);
        Assert.Equal(-0.25, json["b"].D(), 4);
        Assert.Equal(0.25, json["loss"].D(), 4);
        Assert.Equal(new[] { 0.0, 0, 0, 1 }, json["answers"].Vector());
        Assert.Equal(4, json["correct"]!.GetValue<int>());
    }

    [Fact]
    public void Neuron_learn_learns_and()
    {
        var json = DemoJson.Run("neuron-learn");
        var outputs = json["outputs"].Vector();

        Assert.Equal(4, json["correct"]!.GetValue<int>());
        Assert.True(outputs[3] > 0.9);
        Assert.True(outputs[0] < 0.1 && outputs[1] < 0.1 && outputs[2] < 0.1);
        var log = json["log"]!.AsArray();
        Assert.True(log[^1]!["loss"].D() < log[0]!["loss"].D());
    }
}
