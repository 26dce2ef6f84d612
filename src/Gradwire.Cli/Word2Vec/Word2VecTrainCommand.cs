using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Text;

namespace Gradwire.Cli.Word2Vec;

/// <summary>
/// <c>gradwire word2vec train --text PATH|kjv|… [--dim 100] [--window 5] [--negative 5] [--hs] [--cbow]
/// [--min-count 5] [--iterations 5] [--sample 1e-3] [--alpha A] [--threads T] [--seed S] [--save vectors.txt]
/// [--binary] [--json]</c>: trains word2vec on a corpus (each line a sentence, lower-cased, punctuation dropped).
/// </summary>
internal sealed class Word2VecTrainCommand : ICommandFactory
{
    public string Parent => "word2vec";

    public Command Create(CliConsole console)
    {
        var text = new Option<string>("--text") { Description = "A UTF-8 file, or kjv, sparv, web, fortunes, tinyshakespeare; several joined by + (kjv+web+fortunes).", Required = true };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where a named corpus is (SWORD root or module directory, fortunes directory, shared data)." };
        var dim = new Option<int>("--dim") { Description = "Vector size.", DefaultValueFactory = _ => 100 };
        var window = new Option<int>("--window") { Description = "Maximum context distance (randomly shrunk per word).", DefaultValueFactory = _ => 5 };
        var negative = new Option<int>("--negative") { Description = "Negative samples (0: none; needs --hs).", DefaultValueFactory = _ => 5 };
        var hs = new Option<bool>("--hs") { Description = "Hierarchical softmax (Huffman tree)." };
        var cbow = new Option<bool>("--cbow") { Description = "CBOW instead of skip-gram." };
        var minCount = new Option<int>("--min-count") { Description = "Drop words seen fewer times.", DefaultValueFactory = _ => 5 };
        var iterations = new Option<int>("--iterations") { Description = "Passes over the corpus.", DefaultValueFactory = _ => 5 };
        var sample = new Option<double>("--sample") { Description = "Subsampling threshold of frequent words (0: off).", DefaultValueFactory = _ => 1e-3 };
        var alpha = new Option<double?>("--alpha") { Description = "Starting learning rate (default 0.025 skip-gram, 0.05 CBOW)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (lock-free updates).", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed (one thread: deterministic).", DefaultValueFactory = _ => 1UL };
        var save = new Option<string?>("--save") { Description = "Write the vectors in word2vec's text format (gensim reads it)." };
        var binary = new Option<bool>("--binary") { Description = "Write --save in word2vec's binary format instead." };
        var keepCase = new Option<bool>("--keep-case") { Description = "Do not lower-case." };
        var punctuation = new Option<string>("--punctuation") { Description = Word2VecCorpus.PunctuationNames + ".", DefaultValueFactory = _ => "drop" };
        var json = new Option<bool>("--json") { Description = "Print {\"seconds\",\"words_per_second\",\"vocabulary\",…} on stdout." };
        var command = new Command("train", "Train word2vec vectors on a text (one sentence per line).");
        Option[] all = [text, dataDir, dim, window, negative, hs, cbow, minCount, iterations, sample, alpha, threads, seed, save, binary, keepCase, punctuation, json];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var options = new Word2VecOptions
            {
                Dimension = parse.GetValue(dim),
                Window = parse.GetValue(window),
                Negative = parse.GetValue(negative),
                HierarchicalSoftmax = parse.GetValue(hs),
                Cbow = parse.GetValue(cbow),
                MinCount = parse.GetValue(minCount),
                Iterations = parse.GetValue(iterations),
                Sample = parse.GetValue(sample),
                Alpha = parse.GetValue(alpha),
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
            };
            return Run(console, parse.GetValue(text)!, parse.GetValue(dataDir), options, parse.GetValue(save), parse.GetValue(binary),
                parse.GetValue(keepCase), parse.GetValue(punctuation)!, parse.GetValue(json));
        });
        return command;
    }

    private static int Run(CliConsole console, string text, string? dataDir, Word2VecOptions options, string? save, bool binary, bool keepCase, string punctuation, bool json)
    {
        options.Validate();
        var sentences = Word2VecCorpus.Sentences(TextCorpus.Read(text, dataDir), keepCase, punctuation);
        console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"word2vec: {sentences.Count} sentences; {(options.Cbow ? "cbow" : "skip-gram")}, dim {options.Dimension}, window {options.Window}, " +
            $"{(options.HierarchicalSoftmax ? "hs, " : "")}negative {options.Negative}, {options.Iterations} iterations, {options.Threads} threads"));
        var result = Text.Word2Vec.Train(sentences, options);
        if (save is not null)
        {
            if (binary)
            {
                result.Vectors.SaveBinary(save);
            }
            else
            {
                result.Vectors.SaveText(save);
            }
        }

        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["seconds"] = JsonOutput.Number(result.Seconds),
                ["words_per_second"] = JsonOutput.Number(result.WordsPerSecond),
                ["vocabulary"] = result.Vectors.Count,
                ["train_words"] = result.TrainWords,
                ["iterations"] = result.Iterations,
                ["threads"] = result.Threads,
            });
        }
        else
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"vocabulary {result.Vectors.Count} words, {result.TrainWords} training words × {result.Iterations} iterations in {result.Seconds:F2} s: " +
                $"{result.WordsPerSecond:F0} words/s ({result.WordsPerSecond / result.Threads:F0} per thread)"));
            if (save is not null)
            {
                console.Out.WriteLine($"saved {save}");
            }
        }

        return ExitCodes.Ok;
    }
}
