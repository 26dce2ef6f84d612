using System.Text.Json;
using Gradwire.Cli.Grad;

namespace Gradwire.Tests.Cli;

/// <summary>Issue 11 §4: <c>grad --trace</c>, the constants <c>pi</c> and <c>e</c>, <c>--digits</c>.</summary>
[Collection(nameof(GraphvizRenderer))] // shares the tool's process-wide state with the --dot tests
public sealed class GradTraceTests
{
    [Fact]
    public void Trace_of_the_circuit_prints_the_forward_pass_and_every_backward_step()
    {
        var result = CliRunner.Run("grad", "(x+y)*z", "--at", "x=-2,y=5,z=-4", "--trace");

        Assert.Equal(0, result.ExitCode);
        var text = result.Out.Replace("\r\n", "\n");
        Assert.Contains("forward pass", text);
        Assert.Matches(@"\n  t1\s+\+\s+x, y\s+3\s+x \+ y\n", text);
        Assert.Matches(@"\n  f\s+\*\s+t1, z\s+-12\s+\(x \+ y\) \* z\n", text);
        Assert.Contains("f (*) → t1 (a): local gradient -4 × gradient from above 1 = -4, accumulated into ∂f/∂t1: 0 + -4 = -4", text);
        Assert.Contains("t1 (+) → x (a): local gradient 1 × gradient from above -4 = -4, accumulated into ∂f/∂x: 0 + -4 = -4", text);
        Assert.True(text.IndexOf("forward pass", StringComparison.Ordinal) < text.IndexOf("backward pass", StringComparison.Ordinal));
        Assert.Contains("∂f/∂input", text); // the gradient table still follows
    }

    [Fact]
    public void A_wire_used_twice_shows_both_contributions_accumulating()
    {
        var result = CliRunner.Run("grad", "x*x", "--at", "x=3", "--trace");

        Assert.Contains("f (*) → x (a): local gradient 3 × gradient from above 1 = 3, accumulated into ∂f/∂x: 0 + 3 = 3", result.Out);
        Assert.Contains("f (*) → x (b): local gradient 3 × gradient from above 1 = 3, accumulated into ∂f/∂x: 3 + 3 = 6", result.Out);
    }

    [Fact]
    public void Operand_roles_name_the_base_and_exponent_and_atan2s_y_and_x()
    {
        var result = CliRunner.Run("grad", "pow(x, y) + atan2(y, x)", "--at", "x=2,y=3", "--trace");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(pow) → x (base)", result.Out);
        Assert.Contains("(pow) → y (exp)", result.Out);
        Assert.Contains("(atan2) → y (y)", result.Out);
        Assert.Contains("(atan2) → x (x)", result.Out);
    }

    [Theory]
    [InlineData("(x+y)*z", "x=-2,y=5,z=-4")]
    [InlineData("tanh(x*w + b) - x/w", "x=1,w=-2,b=0.5")]
    [InlineData("x^3 * sin(y) + exp(-x*y) / (1 + y^2)", "x=0.7,y=-1.3")]
    [InlineData("max(x, y) * relu(x - y) + sigmoid(x) ^ y", "x=1.5,y=0.25")]
    public void Json_trace_accumulates_exactly_the_gradient_backprop_reports(string expression, string at)
    {
        var result = CliRunner.Run("grad", expression, "--at", at, "--trace", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var trace = root.GetProperty("trace");
        var forward = trace.GetProperty("forward").EnumerateArray().ToList();
        Assert.Equal("f", forward[^1].GetProperty("node").GetString());
        Assert.Equal(root.GetProperty("value").GetDouble(), forward[^1].GetProperty("value").GetDouble());
        var seen = new HashSet<string>();
        foreach (var node in forward)
        {
            foreach (var input in node.GetProperty("inputs").EnumerateArray())
            {
                Assert.Contains(input.GetString()!, seen); // topological: every input came before
            }

            seen.Add(node.GetProperty("node").GetString()!);
        }

        var last = new Dictionary<string, double>();
        foreach (var step in trace.GetProperty("backward").EnumerateArray())
        {
            var local = step.GetProperty("local").GetDouble();
            var upstream = step.GetProperty("upstream").GetDouble();
            Assert.Equal(local * upstream, step.GetProperty("contribution").GetDouble());
            last[step.GetProperty("input").GetString()!] = step.GetProperty("accumulated").GetDouble();
        }

        foreach (var grad in root.GetProperty("grad").EnumerateObject())
        {
            Assert.Equal(grad.Value.GetDouble(), last[grad.Name], 12);
        }
    }

    [Fact]
    public void Pi_and_e_are_constants()
    {
        var result = CliRunner.Run("grad", "sin(pi*x) + e^x", "--at", "x=0.5", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(Math.Sin(Math.PI * 0.5) + Math.Exp(0.5), json.RootElement.GetProperty("value").GetDouble(), 14);
        Assert.Equal(Math.PI * Math.Cos(Math.PI * 0.5) + Math.Exp(0.5), json.RootElement.GetProperty("grad").GetProperty("x").GetDouble(), 14);
        Assert.Single(json.RootElement.GetProperty("grad").EnumerateObject()); // pi and e are not inputs
    }

    [Fact]
    public void A_constant_cannot_be_given_a_value()
    {
        var result = CliRunner.Run("grad", "x*e", "--at", "x=1,e=2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'e' is the constant 2.718281828459045, not a variable", result.Error);
    }

    [Fact]
    public void Digits_rounds_the_printed_numbers_but_not_the_json()
    {
        var printed = CliRunner.Run("grad", "x/3", "--at", "x=1", "--digits", "3", "--trace");
        var json = CliRunner.Run("grad", "x/3", "--at", "x=1", "--digits", "3", "--json");

        Assert.Contains("f = 0.333\n", printed.Out.Replace("\r\n", "\n"));
        Assert.DoesNotContain("0.3333", printed.Out);
        Assert.Contains("0.3333333333333333", json.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("18")]
    public void Digits_outside_1_to_17_is_refused(string digits)
    {
        var result = CliRunner.Run("grad", "x", "--at", "x=1", "--digits", digits);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--digits {digits}: expected a number of significant digits from 1 to 17", result.Error);
    }
}
