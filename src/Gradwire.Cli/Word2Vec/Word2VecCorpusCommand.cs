using System.CommandLine;
using Gradwire.Cli.Infrastructure;
using Gradwire.Text;

namespace Gradwire.Cli.Word2Vec;

/// <summary>
/// <c>gradwire word2vec corpus --text kjv+web+fortunes --out FILE</c>: writes the sentences <c>word2vec train</c>
/// would train on, one per line, tokens separated by spaces (so another tool, e.g. gensim's LineSentence, trains on
/// exactly the same words).
/// </summary>
internal sealed class Word2VecCorpusCommand : ICommandFactory
{
    public string Parent => "word2vec";

    public Command Create(CliConsole console)
    {
        var text = new Option<string>("--text") { Description = "A UTF-8 file, or kjv, sparv, web, fortunes, tinyshakespeare; several joined by +.", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where a named corpus is." };
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var keepCase = new Option<bool>("--keep-case") { Description = "Do not lower-case." };
        var punctuation = new Option<string>("--punctuation") { Description = Word2VecCorpus.PunctuationNames + ".", DefaultValueFactory = _ => "drop" };
        var command = new Command("corpus", "Write the tokenized sentences word2vec train would use, one per line.");
        command.Options.Add(text);
        command.Options.Add(dataDir);
        command.Options.Add(output);
        command.Options.Add(keepCase);
        command.Options.Add(punctuation);
        command.SetAction(parse =>
        {
            var sentences = Word2VecCorpus.Sentences(TextCorpus.Read(parse.GetValue(text)!, parse.GetValue(dataDir)), parse.GetValue(keepCase), parse.GetValue(punctuation)!);
            string path = parse.GetValue(output)!;
            long words = 0;
            using (var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
            {
                foreach (var sentence in sentences)
                {
                    writer.Write(string.Join(' ', sentence));
                    writer.Write('\n');
                    words += sentence.Count;
                }
            }

            console.Out.WriteLine($"wrote {sentences.Count} sentences, {words} words to {path}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
