using Gradwire.Cli.Infrastructure;

namespace Gradwire.Tests.Cli;

#pragma warning disable CA2201 // the tests build the runtime's own exceptions to check how the tool reports them

/// <summary>Issue 7 §5 and issue 12 §3–§5: which exception is which exit code, and what the line says.</summary>
public sealed class ErrorReportTests
{
    [Fact]
    public void User_errors_are_exit_2_with_the_message()
    {
        Assert.Equal((2, "gradwire: bad option"), ErrorReport.For(new GradwireException("bad option")));
        Assert.Equal((2, "gradwire: bad file"), ErrorReport.For(new InvalidDataException("bad file")));
        Assert.Equal(2, ErrorReport.For(new FileNotFoundException("no such file")).ExitCode);
        Assert.Equal(2, ErrorReport.For(new DirectoryNotFoundException("no such folder")).ExitCode);
        Assert.Equal(2, ErrorReport.For(new FormatException("not a number")).ExitCode);
    }

    [Fact]
    public void Argument_errors_lose_the_parameter_suffix()
    {
        var (code, line) = ErrorReport.For(new ArgumentOutOfRangeException("batchSize", "batch size must be positive, got 0."));
        Assert.Equal(2, code);
        Assert.Equal("gradwire: batch size must be positive, got 0.", line);
        Assert.DoesNotContain("Parameter", line);
    }

    [Fact]
    public void An_internal_invariant_failure_is_exit_1_and_says_it_is_a_bug()
    {
        var (code, line) = ErrorReport.For(new InvalidOperationException("engine bug: node visited twice"));
        Assert.Equal(1, code);
        Assert.Contains("internal error", line);
        Assert.Contains("engine bug: node visited twice", line);
        Assert.Equal(1, ErrorReport.For(new OverflowException()).ExitCode);
        Assert.Equal(1, ErrorReport.For(new NullReferenceException()).ExitCode);
    }

    [Fact]
    public void Io_failures_are_exit_1_not_usage_errors()
    {
        var (code, line) = ErrorReport.For(new IOException("No space left on device : '/data/ck.st'"));
        Assert.Equal(1, code);
        Assert.Contains("No space left on device", line);
        Assert.Equal(1, ErrorReport.For(new UnauthorizedAccessException("Access to the path '/ro/ck.st' is denied.")).ExitCode);
    }

    [Fact]
    public void Out_of_memory_is_exit_1_with_a_message()
    {
        var (code, line) = ErrorReport.For(new OutOfMemoryException());
        Assert.Equal(1, code);
        Assert.Contains("out of memory", line);
    }

    [Fact]
    public void A_single_wrapped_error_is_reported_as_itself()
    {
        Assert.Equal(2, ErrorReport.For(new AggregateException(new ArgumentException("shapes [2] and [3]"))).ExitCode);
    }

    [Fact]
    public void Messages_never_carry_raw_escape_sequences_or_megabytes()
    {
        var (_, line) = ErrorReport.For(new InvalidDataException("class '\u001b[31mred\u001b[0m' " + new string('x', 5_000_000)));
        Assert.DoesNotContain('\u001b', line);
        Assert.Contains("\\e[31mred", line);
        Assert.True(line.Length < ErrorReport.MaxMessageLength + 200, $"{line.Length} characters");
        Assert.Contains("more characters", line);
    }
}
