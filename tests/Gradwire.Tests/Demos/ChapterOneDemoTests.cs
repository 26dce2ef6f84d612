using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Demos;

public sealed class ChapterOneDemoTests
{
    [Fact]
    public void Single_gate_prints_the_guide_numbers()
    {
        var json = DemoJson.Run("single-gate");

        Assert.Equal(-6.0, json["output"].D());
        Assert.True(json["random_search"]!["output"].D() > -6.0);
        Assert.True(json["random_search"]!["beats_start"].Flag());
        Assert.Equal(3.0, json["numerical"]!["grad_x"].D(), 4);
        Assert.Equal(-2.0, json["numerical"]!["grad_y"].D(), 4);
        Assert.Equal(-5.8706, json["numerical"]!["output"].D(), 4);
        Assert.Equal(-1.97, json["numerical"]!["x"].D(), 4);
        Assert.Equal(2.98, json["numerical"]!["y"].D(), 4);
        Assert.Equal(3.0, json["analytic"]!["grad_x"].D());
        Assert.Equal(-2.0, json["analytic"]!["grad_y"].D());
        Assert.Equal(-5.8706, json["analytic"]!["output"].D(), 4);
    }

    [Fact]
    public void Single_gate_random_search_is_the_same_every_run()
    {
        var first = DemoJson.Run("single-gate");
        var second = DemoJson.Run("single-gate");

        Assert.Equal(first["random_search"]!["output"].D(), second["random_search"]!["output"].D());
        Assert.Equal(first["random_search"]!["x"].D(), second["random_search"]!["x"].D());
    }

    [Fact]
    public void Single_gate_text_shows_the_guide_forward_difference_estimates()
    {
        var result = CliRunner.Run("demo", "single-gate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("forwardMultiplyGate(-2, 3) = -6.0000", result.Out);
        Assert.Contains("3.00000000000189", result.Out);
        Assert.Contains("-> -5.8706", result.Out);
    }

    [Fact]
    public void Circuit_prints_the_guide_numbers()
    {
        var json = DemoJson.Run("circuit");

        Assert.Equal(-12.0, json["output"].D());
        Assert.Equal(new[] { -4.0, -4.0, 3.0 }, json["grad"].Vector());
        Assert.Equal(-11.59, json["step"]!["output"].D(), 2);
        Assert.Equal(-11.5924, json["step"]!["output"].D(), 4);
        Assert.Equal(2.92, json["step"]!["q"].D(), 4);
        Assert.Equal(new[] { -2.04, 4.96, -3.97 }, json["step"]!["inputs"].Vector().Select(v => Math.Round(v, 4)));
        Assert.True(json["check"]!["agrees"].Flag());
        var forward = json["check"]!["forward"].Vector();
        Assert.Equal(-4.0, forward[0], 4);
        Assert.Equal(-4.0, forward[1], 4);
        Assert.Equal(3.0, forward[2], 4);
    }

    [Fact]
    public void Neuron_prints_the_guide_numbers_with_gates_and_with_value()
    {
        var json = DemoJson.Run("neuron");

        foreach (var path in new[] { "gates", "value" })
        {
            var part = json[path]!;
            Assert.Equal(0.8808, part["output"].D(), 4);
            Assert.Equal(-0.105, part["grad"]!["a"].D(), 3);
            Assert.Equal(0.315, part["grad"]!["b"].D(), 3);
            Assert.Equal(0.105, part["grad"]!["c"].D(), 3);
            Assert.Equal(0.105, part["grad"]!["x"].D(), 3);
            Assert.Equal(0.210, part["grad"]!["y"].D(), 3);
            Assert.Equal(0.88255, part["step_output"].D(), 5);
        }

        Assert.Equal(0.0, json["value"]!["max_abs_diff_from_gates"].D(), 12);
        Assert.True(json["numerical"]!["agrees"].Flag());
        Assert.True(json["numerical"]!["max_abs_error_central"].D() < 1e-8);
    }

    [Fact]
    public void Ninja_patterns_all_agree_with_value()
    {
        var json = DemoJson.Run("ninja");
        var patterns = json["patterns"]!.AsObject();

        Assert.Equal(12, patterns.Count);
        foreach (var (key, pattern) in patterns)
        {
            Assert.True(pattern!["agree"].Flag(), key);
            Assert.Equal(pattern["hand"].Vector(), pattern["value"].Vector(), (a, b) => Math.Abs(a - b) < 1e-12);
        }

        Assert.Equal(new[] { 6.0 }, patterns["square"]!["hand"].Vector()); // the split wire: 2 * a * dx at a = 3
        Assert.Equal(new[] { 1.0, 0.0 }, patterns["max"]!["value"].Vector());
        Assert.Equal(new[] { 0.0 }, patterns["relu_off"]!["value"].Vector());
        Assert.True(json["all_agree"].Flag());
    }

    [Fact]
    public void Ninja_reproduces_the_cs231n_numbers()
    {
        var json = DemoJson.Run("ninja");
        var cs = json["cs231n"]!;

        Assert.Equal(0.7311, cs["neuron"]!["output"].D(), 4);
        Assert.Equal(new[] { 0.3932, -0.5898 }, cs["neuron"]!["dx"].Vector().Select(v => Math.Round(v, 4)));
        Assert.Equal(new[] { -0.1966, -0.3932, 0.1966 }, cs["neuron"]!["dw"].Vector().Select(v => Math.Round(v, 4)));
        Assert.Equal(new[] { 0.3932, -0.5898 }, cs["neuron"]!["value_dx"].Vector().Select(v => Math.Round(v, 4)));
        Assert.True(cs["neuron"]!["agree"].Flag());

        Assert.Equal(1.5456, cs["staged"]!["output"].D(), 4);
        Assert.Equal(2.0596, cs["staged"]!["dx"].D(), 4);
        Assert.Equal(1.5922, cs["staged"]!["dy"].D(), 4);
        Assert.Equal(2.0596, cs["staged"]!["value_dx"].D(), 4);
        Assert.Equal(1.5922, cs["staged"]!["value_dy"].D(), 4);

        Assert.Equal(-20.0, cs["max"]!["output"].D());
        Assert.Equal(new[] { -8.0, 6.0, 2.0, 0.0 }, cs["max"]!["grad"].Vector());
        Assert.Equal(new[] { -8.0, 6.0, 2.0, 0.0 }, cs["max"]!["value_grad"].Vector());
    }
}
