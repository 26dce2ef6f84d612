using Gradwire.Cli;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Tests.Cli;

/// <summary>What one in-process run of the <c>gradwire</c> tool printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the tool in-process, as a user would type it, capturing stdout and stderr.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, new CliConsole(output, error, interactive: false));
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
