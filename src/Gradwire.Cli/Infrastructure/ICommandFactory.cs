using System.CommandLine;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Builds one command of the tool. Factories are found by reflection, so a new command (or a new
/// <c>bench</c> kernel) is one new file.
/// </summary>
internal interface ICommandFactory
{
    /// <summary>The parent command's name: empty for a top-level command, <c>"bench"</c> for a benchmark.</summary>
    string Parent { get; }

    /// <summary>Builds the command; its action writes through <paramref name="console"/>.</summary>
    Command Create(CliConsole console);
}
