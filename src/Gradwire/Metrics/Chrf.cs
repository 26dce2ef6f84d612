using System.Globalization;

namespace Gradwire.Metrics;

/// <summary>
/// chrF and chrF++ exactly as sacreBLEU 2.x's <c>CHRF</c> (defaults: character order 6, word order 0, β = 2,
/// white space removed, no epsilon smoothing). Per order n: hypothesis, reference and matched n-gram counts summed
/// over the corpus (per segment the reference with the best F); then with P̄, R̄ the mean precision and recall over
/// the orders where both sides have n-grams, chrF = 100 · (1 + β²) P̄ R̄ / (β² P̄ + R̄).
/// </summary>
/// <remarks>
/// Character n-grams are over Unicode code points, as in Python (a surrogate pair is one character). Word n-grams
/// (chrF++) split on white space and then split one ASCII punctuation character off a word's end (or, if none, its
/// start), as sacreBLEU does.
/// </remarks>
public sealed class Chrf
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>The largest character n-gram order (default 6).</summary>
    public int CharOrder { get; init; } = 6;

    /// <summary>The largest word n-gram order: 0 for chrF (default), 2 for chrF++.</summary>
    public int WordOrder { get; init; }

    /// <summary>The recall weight β (default 2).</summary>
    public double Beta { get; init; } = 2;

    /// <summary>Lower-case first (Python's <c>str.lower</c>).</summary>
    public bool Lowercase { get; init; }

    /// <summary>Keep white space inside character n-grams (default: removed).</summary>
    public bool Whitespace { get; init; }

    /// <summary>
    /// Average the per-order F scores with ε = 1e-16 for empty orders (chrF++.py and NLTK) instead of averaging
    /// precision and recall over the effective orders (sacreBLEU's default).
    /// </summary>
    public bool EpsSmoothing { get; init; }

    /// <summary>chrF++ settings: word order 2.</summary>
    public static Chrf PlusPlus() => new() { WordOrder = 2 };

    /// <summary>The signature sacreBLEU prints for these settings and <paramref name="numRefs"/> references (−1: variable).</summary>
    public string Signature(int numRefs)
    {
        var nrefs = numRefs < 0 ? "var" : numRefs.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"nrefs:{nrefs}|case:{(Lowercase ? "lc" : "mixed")}|eff:{(EpsSmoothing ? "no" : "yes")}|nc:{CharOrder}|nw:{WordOrder}|space:{(Whitespace ? "yes" : "no")}|version:{Bleu.SacreBleuVersion}");
    }

    /// <summary>Corpus chrF; <c>references[k][i]</c> is the k-th reference of segment i.</summary>
    public ChrfScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        Bleu.CheckStreams("chrF", hypotheses, references);
        if (CharOrder < 0 || WordOrder < 0 || CharOrder + WordOrder == 0)
        {
            throw new ArgumentException(
                $"chrF: CharOrder {CharOrder} and WordOrder {WordOrder}; both must be non-negative and not both 0 (defaults 6 and 0).");
        }

        int orders = CharOrder + WordOrder;
        var stats = new long[3 * orders];
        var refs = new List<List<Dictionary<string, int>>>();
        int numRefs = -2;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            refs.Clear();
            for (int k = 0; k < references.Count; k++)
            {
                var r = references[k][i] ?? throw new ArgumentException($"chrF: reference stream {k + 1}, segment {i + 1} is null.", nameof(references));
                if (r.Length > 0)
                {
                    refs.Add(Extract(Preprocess(r)));
                }
            }

            if (refs.Count == 0)
            {
                throw new ArgumentException(
                    $"chrF: segment {i + 1} has only empty references; every segment needs at least one non-empty reference.",
                    nameof(references));
            }

            numRefs = numRefs == -2 ? refs.Count : numRefs == refs.Count ? numRefs : -1;
            var hyp = Extract(Preprocess(hypotheses[i] ?? throw new ArgumentException($"chrF: hypothesis {i + 1} is null.", nameof(hypotheses))));
            long[]? best = null;
            double bestF = -1;
            foreach (var reference in refs)
            {
                var segment = new long[3 * orders];
                for (int n = 0; n < orders; n++)
                {
                    Match(hyp[n], reference[n], segment, 3 * n);
                }

                double f = FScore(segment);
                if (f > bestF)
                {
                    bestF = f;
                    best = segment;
                }
            }

            for (int j = 0; j < stats.Length; j++)
            {
                stats[j] += best![j];
            }
        }

        return new ChrfScore(FScore(stats), CharOrder, WordOrder, Beta, Signature(numRefs));
    }

    /// <summary>chrF of one hypothesis against its references (sacreBLEU's <c>sentence_score</c>).</summary>
    public ChrfScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(references);
        var streams = new IReadOnlyList<string>[references.Count];
        for (int k = 0; k < streams.Length; k++)
        {
            streams[k] = [references[k]];
        }

        return CorpusScore([hypothesis], streams);
    }

    private string Preprocess(string s) => Lowercase ? PythonText.Lower(s) : s;

    private List<Dictionary<string, int>> Extract(string line)
    {
        var all = new List<Dictionary<string, int>>(CharOrder + WordOrder);
        var chars = Whitespace ? line : PythonText.RemoveSpace(line);

        // Code-point boundaries, so an n-gram never splits a surrogate pair.
        var starts = new List<int>(chars.Length + 1);
        for (int i = 0; i < chars.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
        }

        starts.Add(chars.Length);
        int points = starts.Count - 1;
        for (int n = 1; n <= CharOrder; n++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i + n <= points; i++)
            {
                var key = chars.Substring(starts[i], starts[i + n] - starts[i]);
                counts[key] = counts.TryGetValue(key, out int c) ? c + 1 : 1;
            }

            all.Add(counts);
        }

        if (WordOrder > 0)
        {
            var words = SplitPunctuation(line);
            for (int n = 1; n <= WordOrder; n++)
            {
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i + n <= words.Length; i++)
                {
                    var key = string.Join(' ', words, i, n);
                    counts[key] = counts.TryGetValue(key, out int c) ? c + 1 : 1;
                }

                all.Add(counts);
            }
        }

        return all;
    }

    // sacreBLEU's _remove_punctuation: '(hi)' becomes '(hi' and ')' (its issue #124, kept for compatibility).
    private static string[] SplitPunctuation(string line)
    {
        var words = new List<string>();
        foreach (var w in PythonText.Split(line))
        {
            if (w.Length == 1)
            {
                words.Add(w);
            }
            else if (Punctuation.Contains(w[^1], StringComparison.Ordinal))
            {
                words.Add(w[..^1]);
                words.Add(w[^1..]);
            }
            else if (Punctuation.Contains(w[0], StringComparison.Ordinal))
            {
                words.Add(w[..1]);
                words.Add(w[1..]);
            }
            else
            {
                words.Add(w);
            }
        }

        return words.ToArray();
    }

    private static void Match(Dictionary<string, int> hyp, Dictionary<string, int> reference, long[] stats, int at)
    {
        long matches = 0, hypCount = 0, refCount = 0;
        foreach (var (ngram, count) in hyp)
        {
            hypCount += count;
            if (reference.TryGetValue(ngram, out int r))
            {
                matches += Math.Min(count, r);
            }
        }

        foreach (var count in reference.Values)
        {
            refCount += count;
        }

        // sacreBLEU counts no hypothesis n-grams for an order the reference has none of.
        stats[at] = reference.Count > 0 ? hypCount : 0;
        stats[at + 1] = refCount;
        stats[at + 2] = matches;
    }

    private double FScore(long[] stats)
    {
        const double Eps = 1e-16;
        int orders = stats.Length / 3;
        double factor = Beta * Beta;
        double score = 0, avgPrecision = 0, avgRecall = 0;
        int effectiveOrder = 0;
        for (int n = 0; n < orders; n++)
        {
            long hyp = stats[3 * n], reference = stats[3 * n + 1], matches = stats[3 * n + 2];
            double precision = hyp > 0 ? (double)matches / hyp : Eps;
            double recall = reference > 0 ? (double)matches / reference : Eps;
            double denominator = factor * precision + recall;
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : Eps;
            if (hyp > 0 && reference > 0)
            {
                avgPrecision += precision;
                avgRecall += recall;
                effectiveOrder++;
            }
        }

        if (EpsSmoothing)
        {
            return 100 * score / orders;
        }

        if (effectiveOrder == 0)
        {
            return 0.0;
        }

        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0)
        {
            return 0.0;
        }

        // Same operation order as sacreBLEU, so the last bits agree.
        double f = (1 + factor) * avgPrecision * avgRecall;
        f /= (factor * avgPrecision) + avgRecall;
        return 100 * f;
    }
}
