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
