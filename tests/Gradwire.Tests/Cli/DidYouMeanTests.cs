using FsCheck.Xunit;
using Gradwire.Cli.Grad;

namespace Gradwire.Tests.Cli;

/// <summary>Issue 11 §4: did-you-mean for commands, options, demos and functions; a bare <c>gradwire</c> prints help.</summary>
[Collection(nameof(GraphvizRenderer))]
public sealed class DidYouMeanTests
{
    [Theory]
    [InlineData("grad", "grad", 0)]
    [InlineData("gard", "grad", 1)] // a swap is one edit
    [InlineData("sqr", "sqrt", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, DidYouMean.Distance(a, b));

    [Property]
    public bool Distance_is_symmetric_and_zero_only_for_equal_strings(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        var d = DidYouMean.Distance(a, b);
        return d == DidYouMean.Distance(b, a) && (d == 0) == (a == b) && d <= Math.Max(a.Length, b.Length);
    }

    [Fact]
    public void Closest_puts_the_nearest_first_and_ignores_the_far()
    {
        Assert.Equal(["grad", "grades"], DidYouMean.Closest("gradd", ["demo", "grades", "grad", "train"]));
        Assert.Empty(DidYouMean.Closest("xyz", ["demo", "grad"]));
    }

    [Fact]
    public void An_unknown_command_suggests_the_closest()
    {
        var result = CliRunner.Run("gard", "x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'gard' is not a command of 'gradwire'. Did you mean 'grad'?", result.Error);
    }

    [Fact]
    public void An_unknown_option_suggests_the_closest()
    {
        var result = CliRunner.Run("grad", "x", "--trac", "--at", "x=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--trac' is not an option of 'grad'. Did you mean '--trace'?", result.Error);
    }

    [Fact]
    public void An_unknown_demo_suggests_the_closest()
    {
        var result = CliRunner.Run("demo", "circut");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown demo 'circut'. Did you mean 'circuit'?", result.Error);
    }

    [Fact]
    public void An_unknown_function_suggests_the_closest()
    {
        var result = CliRunner.Run("grad", "sqr(x)", "--at", "x=1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown function 'sqr' (did you mean 'sqrt'?); known functions:", result.Error);
    }

    [Fact]
    public void A_bare_gradwire_prints_help_and_exits_0()
    {
        var result = CliRunner.Run();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out);
        Assert.Contains("grad", result.Out);
        Assert.Equal("", result.Error);
    }
}
