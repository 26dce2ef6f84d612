using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Grad;

/// <summary>Registers <c>gradwire grad</c>.</summary>
internal sealed class GradCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) => GradCommand.Create(console);
}
