using Gradwire.Text;

namespace Gradwire.Cli.Word2Vec;

/// <summary>How the word2vec commands turn a corpus into sentences: one line is one sentence, tokenized.</summary>
internal static class Word2VecCorpus
{
    /// <summary>The punctuation option's names.</summary>
    public const string PunctuationNames = "drop (default), split or keep";

    /// <summary>The tokenized lines of <paramref name="text"/> (empty lines skipped).</summary>
    public static List<IReadOnlyList<string>> Sentences(string text, bool keepCase, string punctuation)
    {
        var tokenizer = new WordTokenizer(!keepCase, ParsePunctuation(punctuation));
        var sentences = new List<IReadOnlyList<string>>();
        foreach (string line in text.Split('\n'))
        {
            var tokens = tokenizer.Tokenize(line);
            if (tokens.Count > 0)
            {
                sentences.Add(tokens);
            }
        }

        return sentences;
    }

    private static Punctuation ParsePunctuation(string name) => name.ToLowerInvariant() switch
    {
        "drop" => Punctuation.Drop,
        "split" => Punctuation.Split,
        "keep" => Punctuation.Keep,
        _ => throw new Infrastructure.UsageException($"--punctuation '{name}': expected {PunctuationNames}."),
    };
}
