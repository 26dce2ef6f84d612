using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Bleu;

/// <summary>Registers <c>gradwire bleu</c>.</summary>
internal sealed class BleuCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) => BleuCommand.Create(console);
}
