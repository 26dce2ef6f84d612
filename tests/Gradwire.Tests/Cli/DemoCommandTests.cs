namespace Gradwire.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public void Unknown_demo_is_a_usage_error_that_lists_the_known_ones()
    {
        var result = CliRunner.Run("demo", "no-such-demo");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown demo 'no-such-demo'", result.Error);
        Assert.Contains("Known demos:", result.Error);
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        var result = CliRunner.Run("demo", "--no-such-option");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error);
    }
}

public sealed class ErrorMessageTests
{
    [Fact]
    public void Library_argument_errors_reach_the_user_without_the_parameter_suffix()
    {
        var result = CliRunner.Run("train", "--data", "no-such-set");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no-such-set", result.Error);
        Assert.DoesNotContain("(Parameter", result.Error);
    }
}

public sealed class GradInputEdgeTests
{
    [Fact]
    public void A_number_literal_too_large_for_a_double_is_a_parse_error()
    {
        var result = CliRunner.Run("grad", "x + 1e999", "--at", "x=1", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("out of range", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_value_that_overflows_is_an_error_not_a_null_in_the_json()
    {
        var result = CliRunner.Run("grad", "exp(x)", "--at", "x=1000", "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exp", result.Error);
        Assert.Contains("overflows", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_bare_variable_keeps_its_name_in_the_graph()
    {
        var dir = Directory.CreateTempSubdirectory("gradwire-dot-");
        try
        {
            var file = Path.Combine(dir.FullName, "g.dot");
            var result = CliRunner.Run("grad", "x", "--at", "x=1", "--dot", file);

            Assert.Equal(0, result.ExitCode);
            var dot = File.ReadAllText(file);
            Assert.Contains("x |", dot);
            Assert.DoesNotContain("f |", dot);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
