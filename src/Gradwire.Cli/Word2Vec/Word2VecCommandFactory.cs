using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Word2Vec;

/// <summary><c>gradwire word2vec train|analogy|neighbours|corpus</c>: the subcommands are the factories whose parent is <c>word2vec</c>.</summary>
internal sealed class Word2VecCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) =>
        new("word2vec", "Train word vectors (skip-gram/CBOW), evaluate analogies, list nearest neighbours.");
}
