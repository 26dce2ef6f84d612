using System.Globalization;
using System.Text;

namespace Gradwire.Text;

/// <summary>
/// Splits text into words at whitespace; optionally lower-cases them and splits or drops punctuation.
/// </summary>
/// <remarks>
/// An apostrophe between two letters stays inside the word ("don't", "LORD's") when punctuation is split or dropped;
/// every other punctuation or symbol character (Unicode categories P* and S*) is punctuation.
/// </remarks>
public sealed class WordTokenizer
{
    /// <summary>A tokenizer with the given options.</summary>
    /// <param name="lowerCase">Lower-case every token (invariant culture).</param>
    /// <param name="punctuation">What to do with punctuation.</param>
    public WordTokenizer(bool lowerCase = true, Punctuation punctuation = Punctuation.Split)
    {
        LowerCase = lowerCase;
        Punctuation = punctuation;
    }

    /// <summary>Whether tokens are lower-cased.</summary>
    public bool LowerCase { get; }

    /// <summary>What happens to punctuation.</summary>
    public Punctuation Punctuation { get; }

    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        Tokenize(text, tokens);
        return tokens;
    }

    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public void Tokenize(string text, List<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var word = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                Flush(word, tokens);
                continue;
            }

            if (Punctuation != Punctuation.Keep && IsPunctuation(c) && !IsInnerApostrophe(text, i))
            {
                Flush(word, tokens);
                if (Punctuation == Punctuation.Split)
                {
                    tokens.Add(c.ToString());
                }

                continue;
            }

            word.Append(LowerCase ? char.ToLowerInvariant(c) : c);
        }

        Flush(word, tokens);
    }

    private static bool IsPunctuation(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is >= UnicodeCategory.ConnectorPunctuation and <= UnicodeCategory.OtherSymbol;
    }

    private static bool IsInnerApostrophe(string text, int i) =>
        (text[i] == '\'' || text[i] == '\u2019') && i > 0 && i + 1 < text.Length
        && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    private static void Flush(StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
