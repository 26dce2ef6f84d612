using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Text;

namespace Gradwire.Cli.Word2Vec;

/// <summary><c>gradwire word2vec neighbours --vectors F WORD [--top 10] [--json]</c>: the words of highest cosine similarity.</summary>
internal sealed class Word2VecNeighboursCommand : ICommandFactory
{
    public string Parent => "word2vec";

    public Command Create(CliConsole console)
    {
        var vectors = new Option<string>("--vectors") { Description = "Vectors in word2vec's text format (or --binary).", Required = true };
        var binary = new Option<bool>("--binary") { Description = "--vectors is in word2vec's binary format." };
        var top = new Option<int>("--top") { Description = "Neighbours to list.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var word = new Argument<string>("word") { Description = "The query word." };
        var command = new Command("neighbours", "The nearest words to WORD by cosine similarity.");
        command.Options.Add(vectors);
        command.Options.Add(binary);
        command.Options.Add(top);
        command.Options.Add(json);
        command.Arguments.Add(word);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(vectors)!;
            int count = parse.GetValue(top);
            if (count < 1)
            {
                throw new UsageException("word2vec neighbours: --top must be at least 1.");
            }

            var model = WordVectors.Load(path, parse.GetValue(binary));
            string query = parse.GetValue(word)!;
            Word2VecAnalogyCommand.RequireWord(model, query, path);
            Print(console, model.Nearest(query, count), parse.GetValue(json), query);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Prints ranked words: a table, or <c>{"query":…, "neighbours":[{"word":…, "similarity":…}, …]}</c>.</summary>
    internal static void Print(CliConsole console, List<WordNeighbour> neighbours, bool json, string query)
    {
        if (json)
        {
            var list = new JsonArray();
            foreach (var n in neighbours)
            {
                list.Add(new JsonObject { ["word"] = n.Word, ["similarity"] = JsonOutput.Number(n.Similarity) });
            }

            JsonOutput.Write(console.Out, new JsonObject { ["query"] = query, ["neighbours"] = list });
            return;
        }

        foreach (var n in neighbours)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n.Word,-20} {n.Similarity:F4}"));
        }
    }
}
