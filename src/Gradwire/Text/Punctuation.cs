namespace Gradwire.Text;

/// <summary>What <see cref="WordTokenizer"/> does with punctuation and symbol characters.</summary>
public enum Punctuation
{
    /// <summary>Left attached to the word, as the original word2vec does ("earth." is one token).</summary>
    Keep,

    /// <summary>Each punctuation character becomes a token of its own ("earth", ".").</summary>
    Split,

    /// <summary>Removed: punctuation separates words and is not emitted.</summary>
    Drop,
}
