using Gradwire.Cli.Grad;

namespace Gradwire.Tests.Cli;

/// <summary>Issue 11 §4: <c>grad --dot</c> labels operand order, names nodes by sub-expression, draws constants apart, renders any format.</summary>
[Collection(nameof(GraphvizRenderer))] // tests replace GraphvizRenderer.FindDot
public sealed class GradDotLabelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gradwire-dot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Dot(string expression, string at)
    {
        var file = Path.Combine(_folder, "g.dot");
        var result = CliRunner.Run("grad", expression, "--at", at, "--dot", file);
        Assert.Equal(0, result.ExitCode);
        return File.ReadAllText(file);
    }

    [Fact]
    public void Operand_order_is_on_the_edges_of_minus_divide_pow_and_atan2()
    {
        var dot = Dot("(x - y) / pow(x, y) + atan2(y, x)", "x=2,y=3");

        foreach (var role in new[] { "a", "b", "base", "exp", "y", "x" })
        {
            Assert.Contains($"[label=\"{role}\"]", dot);
        }
    }

    [Fact]
    public void Commutative_ops_have_no_edge_labels()
    {
        var dot = Dot("x*y + y", "x=2,y=3");

        Assert.DoesNotContain("[label=\"a\"]", dot);
    }

    [Fact]
    public void Intermediate_nodes_are_named_by_their_sub_expression_with_the_needed_parentheses()
    {
        var dot = Dot("-(x + y)^2 * sin(x / y) - (x - (y - x))", "x=2,y=3");

        Assert.Contains("{ x + y |", dot);
        Assert.Contains("{ (x + y)^2 |", dot);
        Assert.Contains("{ -(x + y)^2 |", dot);
        Assert.Contains("{ sin(x / y) |", dot);
        Assert.Contains("{ -(x + y)^2 * sin(x / y) |", dot);
        Assert.Contains("{ x - (y - x) |", dot);
        Assert.Contains("{ f |", dot);
    }

    [Fact]
    public void Constants_are_drawn_grey_and_dashed_and_pi_by_its_name()
    {
        var dot = Dot("pi * x + 2", "x=1");
        var lines = dot.Split('\n');

        Assert.Contains(lines, l => l.Contains("style=\"dashed,filled\"") && l.Contains("{ π |"));
        Assert.Contains(lines, l => l.Contains("style=\"dashed,filled\"") && l.Contains("{ 2 |"));
        Assert.DoesNotContain(lines, l => l.Contains("style=\"dashed,filled\"") && l.Contains("{ x |"));
    }

    [Fact]
    public void An_extension_dot_cannot_render_is_refused_naming_the_known_ones()
    {
        var result = CliRunner.Run("grad", "x", "--at", "x=1", "--dot", Path.Combine(_folder, "g.xyz"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot render '.xyz'", result.Error);
        Assert.Contains("svg", result.Error);
        Assert.Contains("png", result.Error);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Dots_format_list_is_read_from_its_message()
    {
        var formats = GraphvizRenderer.ParseFormatList(
            "Format: \"?\" not recognized. Use one of: bmp canon dot png:cairo png:gd svg pdf\n");

        Assert.Equal(["bmp", "canon", "dot", "png", "svg", "pdf"], formats);
    }

    [Fact]
    public void A_pdf_is_rendered_when_graphviz_is_installed()
    {
        if (GraphvizRenderer.FindDot() is null || !GraphvizRenderer.KnownFormats().Contains("pdf"))
        {
            return; // nothing to render with on this machine; the missing-dot path is tested in GradCommandTests
        }

        var file = Path.Combine(_folder, "g.pdf");
        var result = CliRunner.Run("grad", "x*y", "--at", "x=1,y=2", "--dot", file);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("%PDF", File.ReadAllText(file));
    }
}
