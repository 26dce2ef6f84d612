using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Demos;

/// <summary>Registers <c>gradwire demo</c>.</summary>
internal sealed class DemoCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) => DemoCommand.Create(console);
}
