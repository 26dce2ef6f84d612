namespace Gradwire.Metrics;

/// <summary>How BLEU splits a segment into words before counting n-grams (sacreBLEU's <c>--tokenize</c>).</summary>
public enum BleuTokenization
{
    /// <summary>mteval-v13a's rules (sacreBLEU's default, signature <c>tok:13a</c>).</summary>
    Mteval13a,

    /// <summary>No tokenization: split on white space only (signature <c>tok:none</c>).</summary>
    None,
}
