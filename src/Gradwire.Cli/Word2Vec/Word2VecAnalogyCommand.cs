using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Text;

namespace Gradwire.Cli.Word2Vec;

/// <summary>
/// <c>gradwire word2vec analogy --vectors F --questions FILE [--restrict 30000] [--json]</c>: analogy accuracy per
/// section and in total (3CosAdd, as gensim's evaluate_word_analogies); <c>gradwire word2vec analogy --vectors F king
/// man woman [--top 5]</c>: the words closest to king − man + woman.
/// </summary>
internal sealed class Word2VecAnalogyCommand : ICommandFactory
{
    public string Parent => "word2vec";

    public Command Create(CliConsole console)
    {
        var vectors = new Option<string>("--vectors") { Description = "Vectors in word2vec's text format (or --binary).", Required = true };
        var binary = new Option<bool>("--binary") { Description = "--vectors is in word2vec's binary format." };
        var questions = new Option<string?>("--questions") { Description = "An analogy test set (questions-words.txt format)." };
        var restrict = new Option<int>("--restrict") { Description = "Only the most frequent words take part.", DefaultValueFactory = _ => 30000 };
        var top = new Option<int>("--top") { Description = "Answers to list for A B C.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var words = new Argument<string[]>("words") { Description = "A B C: list the words closest to A − B + C.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("analogy", "Analogy accuracy on a test set, or the answers to A − B + C.");
        Option[] all = [vectors, binary, questions, restrict, top, json];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(words);
        command.SetAction(parse => Run(console, parse.GetValue(vectors)!, parse.GetValue(binary), parse.GetValue(questions),
            parse.GetValue(restrict), parse.GetValue(top), parse.GetValue(json), parse.GetValue(words) ?? []));
        return command;
    }

    private static int Run(CliConsole console, string path, bool binary, string? questions, int restrict, int top, bool json, string[] words)
    {
        if ((questions is null) == (words.Length == 0))
        {
            throw new UsageException("word2vec analogy: pass either --questions FILE or three words A B C (A − B + C), not both or neither.");
        }

        if (words.Length is not (0 or 3))
        {
            throw new UsageException($"word2vec analogy: expected three words A B C, got {words.Length}.");
        }

        if (restrict < 1 || top < 1)
        {
            throw new UsageException("word2vec analogy: --restrict and --top must be at least 1.");
        }

        var model = WordVectors.Load(path, binary);
        if (questions is not null)
        {
            if (!File.Exists(questions))
            {
                throw new FileNotFoundException($"analogy questions '{questions}' do not exist.", questions);
            }

            var report = AnalogyEvaluation.Evaluate(model, questions, restrict);
            if (json)
            {
                var sections = new JsonObject();
                foreach (var s in report.Sections)
                {
                    sections[s.Name] = new JsonObject
                    {
                        ["accuracy"] = JsonOutput.Number(s.Accuracy),
                        ["correct"] = s.Correct,
                        ["answered"] = s.Answered,
                        ["skipped"] = s.Skipped,
                    };
                }

                JsonOutput.Write(console.Out, new JsonObject
                {
                    ["accuracy"] = JsonOutput.Number(report.Accuracy),
                    ["sections"] = sections,
                    ["correct"] = report.Correct,
                    ["answered"] = report.Answered,
                    ["skipped"] = report.Skipped,
                });
            }
            else
            {
                foreach (var s in report.Sections)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name,-28} {s.Accuracy,7:P1}  {s.Correct,5}/{s.Answered,-5} ({s.Skipped} skipped)"));
                }

                console.Out.WriteLine(report.ToString());
            }

            return ExitCodes.Ok;
        }

        foreach (string word in words)
        {
            RequireWord(model, word, path);
        }

        // A − B + C is "B is to A as C is to ?": 3CosAdd with (a, b, c) = (B, A, C).
        var answers = model.Analogy(words[1], words[0], words[2], top);
        Word2VecNeighboursCommand.Print(console, answers, json, $"{words[0]} - {words[1]} + {words[2]}");
        return ExitCodes.Ok;
    }

    /// <summary>Throws a usage error when <paramref name="word"/> has no vector.</summary>
    internal static void RequireWord(WordVectors model, string word, string path)
    {
        if (model.IndexOf(word) < 0)
        {
            throw new UsageException($"word2vec: '{word}' is not in the {model.Count}-word vocabulary of '{path}'.");
        }
    }
}
