using System.Text.Json;
using Gradwire.Cli.Grad;

namespace Gradwire.Tests.Cli;

[Collection(nameof(GraphvizRenderer))] // tests replace GraphvizRenderer.FindDot
public sealed class GradCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gradwire-grad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Json_has_value_and_gradient_in_order_of_appearance()
    {
        var result = CliRunner.Run("grad", "(x+y)*z", "--at", "x=-2,y=5,z=-4", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"value\":-12,\"grad\":{\"x\":-4,\"y\":-4,\"z\":3}}", result.Out.Trim());
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Json_with_hessian_has_every_second_derivative()
    {
        var result = CliRunner.Run("grad", "x^2*sin(y)", "--at", "x=-2", "--at", "y=0.5", "--hessian", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(new[] { "value", "grad", "hessian" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4 * Math.Sin(0.5), root.GetProperty("value").GetDouble(), 15);
        Assert.Equal(2 * Math.Sin(0.5), root.GetProperty("hessian").GetProperty("x").GetProperty("x").GetDouble(), 15);
        Assert.Equal(-4 * Math.Cos(0.5), root.GetProperty("hessian").GetProperty("x").GetProperty("y").GetDouble(), 15);
        Assert.Equal(-4 * Math.Cos(0.5), root.GetProperty("hessian").GetProperty("y").GetProperty("x").GetDouble(), 15);
        Assert.Equal(-4 * Math.Sin(0.5), root.GetProperty("hessian").GetProperty("y").GetProperty("y").GetDouble(), 15);
    }

    [Fact]
    public void Json_numbers_round_trip_at_full_precision()
    {
        var result = CliRunner.Run("grad", "sigmoid(x)", "--at", "x=0.3", "--json");

        using var json = JsonDocument.Parse(result.Out);
        var s = 1 / (1 + Math.Exp(-0.3));
        Assert.Equal(s, json.RootElement.GetProperty("value").GetDouble());
        Assert.Equal(s * (1 - s), json.RootElement.GetProperty("grad").GetProperty("x").GetDouble());
    }

    [Fact]
    public void An_input_the_expression_does_not_use_gets_a_zero_gradient()
    {
        var result = CliRunner.Run("grad", "x*x", "--at", "w=1,x=3", "--json", "--hessian");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"value\":9,\"grad\":{\"x\":6,\"w\":0},\"hessian\":{\"x\":{\"x\":2,\"w\":0},\"w\":{\"x\":0,\"w\":0}}}", result.Out.Trim());
    }

    [Fact]
    public void An_expression_without_variables_needs_no_point()
    {
        var result = CliRunner.Run("grad", "2^10", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{\"value\":1024,\"grad\":{}}", result.Out.Trim());
    }

    [Fact]
    public void Table_output_shows_the_value_and_every_gradient()
    {
        var result = CliRunner.Run("grad", "(x+y)*z", "--at", "x=-2,y=5,z=-4");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("f = -12", result.Out);
        Assert.Contains("gradient", result.Out);
        Assert.Matches(@"│ x\s+│\s+-4 │", result.Out);
        Assert.Matches(@"│ y\s+│\s+-4 │", result.Out);
        Assert.Matches(@"│ z\s+│\s+3 │", result.Out);
        Assert.DoesNotContain("hessian", result.Out);
    }

    [Fact]
    public void Table_output_with_hessian_shows_the_matrix()
    {
        var result = CliRunner.Run("grad", "x*y", "--at", "x=2,y=3", "--hessian");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hessian", result.Out);
        Assert.Matches(@"│ x │\s+0 │\s+1 │", result.Out);
        Assert.Matches(@"│ y │\s+1 │\s+0 │", result.Out);
    }

    [Theory]
    [InlineData("(x+)*z", "x=1,z=2", "parse error at column 4: expected a number, a variable, a function call or '(' but found ')'")]
    [InlineData("foo(x)", "x=1", "unknown function 'foo'; known functions: sqrt, exp, log")]
    [InlineData("x*y", "x=1", "variable 'y' has no value")]
    [InlineData("x*y", "x=1,y", "--at 'y' is not NAME=VALUE")]
    [InlineData("x*y", "x=1,y=abc", "'abc' is not a finite number")]
    [InlineData("x*y", "x=1,x=2,y=1", "gives 'x' more than one value")]
    [InlineData("x*y", "1x=1,y=2", "'1x' is not a variable name")]
    [InlineData("log(x)", "x=-1", "log: argument -1 is outside its domain (0, ∞)")]
    [InlineData("acosh(x)", "x=0.5", "acosh: argument 0.5 is outside its domain [1, ∞)")]
    [InlineData("x / y", "x=1,y=0", "/: division by zero (1 / 0)")]
    [InlineData("sqrt(x)", "x=0", "sqrt: the derivative at 0 is infinite")]
    [InlineData("x^0.5", "x=0", "pow (exponent 0.5): the derivative at 0 is infinite")]
    [InlineData("asin(x)", "x=1", "asin: the derivative at 1 is infinite")]
    [InlineData("atan2(y, x)", "x=0,y=0", "atan2: the derivative at (0, 0) is undefined")]
    [InlineData("pow(x, y)", "x=-2,y=2", "pow: the derivative with respect to its second argument at (-2, 2) is undefined")]
    public void Bad_input_is_a_clear_message_on_stderr_and_exit_code_2(string expression, string at, string message)
    {
        var result = CliRunner.Run("grad", expression, "--at", at);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_parse_error_points_at_the_column()
    {
        var result = CliRunner.Run("grad", "(x+)*z", "--at", "x=1,z=2");

        Assert.Contains("  (x+)*z\n     ^", result.Error.Replace("\r\n", "\n"));
    }

    [Fact]
    public void A_second_derivative_that_is_not_finite_is_an_error()
    {
        var result = CliRunner.Run("grad", "x^1.5", "--at", "x=0", "--hessian");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("second derivative ∂²f/∂x∂x is not finite", result.Error);
    }

    [Fact]
    public void Dot_file_draws_every_node_with_its_op_value_and_gradient()
    {
        var file = Path.Combine(_folder, "graph.dot");

        var result = CliRunner.Run("grad", "(x+y)*z", "--at", "x=-2,y=5,z=-4", "--dot", file);

        Assert.Equal(0, result.ExitCode);
        var dot = File.ReadAllText(file);
        Assert.StartsWith("digraph gradwire {", dot);
        Assert.Contains("label=\"{ x | data -2 | grad -4 }\"", dot);
        Assert.Contains("label=\"{ y | data 5 | grad -4 }\"", dot);
        Assert.Contains("label=\"{ z | data -4 | grad 3 }\"", dot);
        Assert.Contains("label=\"{ f | data -12 | grad 1 }\"", dot);
        Assert.Contains("label=\"{ x + y | data 3 | grad -4 }\"", dot); // named by its sub-expression
        Assert.Contains("[shape=ellipse, label=\"+\"]", dot);
        Assert.Contains("[shape=ellipse, label=\"*\"]", dot);
        Assert.Equal(2 + 4, dot.Split("->").Length - 1); // op → its value (2), input → op (x, y into +; x+y, z into *)
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp")); // written through a temporary file and a rename
    }

    [Fact]
    public void Dot_file_is_rendered_to_svg_when_graphviz_is_installed()
    {
        if (GraphvizRenderer.FindDot() is null)
        {
            return; // nothing to render with on this machine; the missing-dot path is tested below
        }

        var file = Path.Combine(_folder, "graph.svg");
        var result = CliRunner.Run("grad", "tanh(x*w + b)", "--at", "x=1,w=-2,b=0.5", "--dot", file, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<svg", File.ReadAllText(file));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Rendering_without_graphviz_still_prints_the_table_and_writes_the_dot_beside()
    {
        var original = GraphvizRenderer.FindDot;
        GraphvizRenderer.FindDot = () => null;
        try
        {
            var file = Path.Combine(_folder, "graph.png");
            var result = CliRunner.Run("grad", "x*2", "--at", "x=1", "--dot", file);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("apt-get install graphviz", result.Error);
            Assert.Contains(Path.Combine(_folder, "graph.dot"), result.Error);
            Assert.False(File.Exists(file));
            Assert.StartsWith("digraph gradwire {", File.ReadAllText(Path.Combine(_folder, "graph.dot")));
            Assert.Matches(@"│ x\s+│\s+2 │", result.Out);
            Assert.Contains("graph written to " + Path.Combine(_folder, "graph.dot"), result.Out);
        }
        finally
        {
            GraphvizRenderer.FindDot = original;
        }
    }

    [Fact]
    public void Dot_into_a_missing_folder_is_a_usage_error()
    {
        var result = CliRunner.Run("grad", "x", "--at", "x=1", "--dot", Path.Combine(_folder, "no", "such", "g.dot"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}
