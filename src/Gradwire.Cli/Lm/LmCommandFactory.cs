using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Lm;

/// <summary><c>gradwire lm train|sample</c>: character language models.</summary>
internal sealed class LmCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) =>
        new("lm", "Train a character language model (LSTM / GRU / RNN) on a text and sample from it.");
}
