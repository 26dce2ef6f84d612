using System.Globalization;

namespace Gradwire.Metrics;

/// <summary>
/// Corpus BLEU exactly as sacreBLEU 2.x's <c>BLEU</c> (defaults: 13a tokenization, mixed case, exponential
/// smoothing, order 4, no effective order). Statistics are summed over the corpus, then
/// BLEU = BP · exp(Σₙ₌₁..N log pₙ / N) with pₙ = 100 · Σ min(countₕ(g), maxᵣ countᵣ(g)) / Σ countₕ(g) and
/// BP = exp(1 − r / c) when c &lt; r (c: hypothesis tokens, r: per segment the closest reference length, ties
/// to the shorter), else 1.
/// </summary>
/// <remarks>
/// Empty references are dropped per segment, as sacreBLEU does; a segment with none left is an error. The
/// signature's <c>nrefs</c> is <c>var</c> when segments keep different numbers of references.
/// </remarks>
public sealed class Bleu
{
    /// <summary>The sacreBLEU release whose behaviour (and signature string) this class reproduces.</summary>
    public const string SacreBleuVersion = "2.4.2";

    /// <summary>Lower-case hypotheses and references first (Python's <c>str.lower</c>); signature <c>case:lc</c>.</summary>
    public bool Lowercase { get; init; }

    /// <summary>The tokenizer; default <see cref="BleuTokenization.Mteval13a"/>.</summary>
    public BleuTokenization Tokenization { get; init; } = BleuTokenization.Mteval13a;

    /// <summary>The smoothing method; default <see cref="BleuSmoothing.Exp"/>.</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exp;

    /// <summary>The value for <see cref="BleuSmoothing.Floor"/> (default 0.1) or <see cref="BleuSmoothing.AddK"/> (default 1); null for the default.</summary>
    public double? SmoothValue { get; init; }

    /// <summary>The largest n-gram order N (default 4).</summary>
    public int MaxNgramOrder { get; init; } = 4;

    /// <summary>
    /// Average only over orders up to the last with any hypothesis n-grams (sacreBLEU's <c>effective_order</c>;
    /// off for corpora, on in sacreBLEU's <c>sentence_bleu</c>).
    /// </summary>
    public bool EffectiveOrder { get; init; }

    /// <summary>
    /// Corpus BLEU of <paramref name="hypotheses"/> against one or more reference streams, each as long as the
    /// hypotheses (<c>references[k][i]</c> is the k-th reference of segment i).
    /// </summary>
    public BleuScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        CheckStreams("BLEU", hypotheses, references);
        int order = MaxNgramOrder;
        if (order < 1)
        {
            throw new ArgumentException($"BLEU: MaxNgramOrder is {order}; it must be at least 1 (sacreBLEU's default is 4).");
        }

        var correct = new long[order];
        var total = new long[order];
        long sysLen = 0, refLen = 0;
        int numRefs = -2;
        var refs = new List<string>(references.Count);
        for (int i = 0; i < hypotheses.Count; i++)
        {
            refs.Clear();
            for (int k = 0; k < references.Count; k++)
            {
                var r = references[k][i] ?? throw new ArgumentException($"BLEU: reference stream {k + 1}, segment {i + 1} is null.", nameof(references));
                if (r.Length > 0)
                {
                    refs.Add(r);
                }
            }

            if (refs.Count == 0)
            {
                throw new ArgumentException(
                    $"BLEU: segment {i + 1} has only empty references; every segment needs at least one non-empty reference.",
                    nameof(references));
            }

            numRefs = numRefs == -2 ? refs.Count : numRefs == refs.Count ? numRefs : -1;
            var hyp = hypotheses[i] ?? throw new ArgumentException($"BLEU: hypothesis {i + 1} is null.", nameof(hypotheses));
            AddSegment(hyp, refs, correct, total, ref sysLen, ref refLen);
        }

        return Compute(correct, total, sysLen, refLen, Smoothing, SmoothValue, EffectiveOrder, Signature(numRefs));
    }

    /// <summary>BLEU of one hypothesis against its references (sacreBLEU's <c>sentence_score</c>).</summary>
    public BleuScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
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

    /// <summary>The signature sacreBLEU prints for these settings and <paramref name="numRefs"/> references (−1: variable).</summary>
    public string Signature(int numRefs)
    {
        var smooth = Smoothing switch
        {
            BleuSmoothing.Exp => "exp",
            BleuSmoothing.None => "none",
            BleuSmoothing.Floor => string.Create(CultureInfo.InvariantCulture, $"floor[{SmoothValue ?? 0.1:F2}]"),
            _ => string.Create(CultureInfo.InvariantCulture, $"add-k[{SmoothValue ?? 1.0:F2}]"),
        };
        var nrefs = numRefs < 0 ? "var" : numRefs.ToString(CultureInfo.InvariantCulture);
        var tok = Tokenization == BleuTokenization.Mteval13a ? "13a" : "none";
        return $"nrefs:{nrefs}|case:{(Lowercase ? "lc" : "mixed")}|eff:{(EffectiveOrder ? "yes" : "no")}|tok:{tok}|smooth:{smooth}|version:{SacreBleuVersion}";
    }

    /// <summary>
    /// BLEU from its sufficient statistics (sacreBLEU's <c>BLEU.compute_bleu</c>): <paramref name="correct"/> and
    /// <paramref name="total"/> n-gram counts per order, corpus lengths, smoothing.
    /// </summary>
    public static BleuScore Compute(IReadOnlyList<long> correct, IReadOnlyList<long> total, long sysLen, long refLen,
        BleuSmoothing smoothing = BleuSmoothing.Exp, double? smoothValue = null, bool effectiveOrder = false,
        string signature = "")
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(total);
        if (correct.Count != total.Count || correct.Count == 0)
        {
            throw new ArgumentException(
                $"BLEU: correct has {correct.Count} orders and total {total.Count}; pass one count per n-gram order for both.");
        }

        int order = correct.Count;
        double value = smoothValue ?? (smoothing == BleuSmoothing.AddK ? 1.0 : 0.1);
        double bp = sysLen < refLen ? (sysLen > 0 ? Math.Exp(1 - (double)refLen / sysLen) : 0.0) : 1.0;
        var counts = new long[order];
        var totals = new long[order];
        var precisions = new double[order];
        bool anyCorrect = false;
        for (int n = 0; n < order; n++)
        {
            counts[n] = correct[n];
            totals[n] = total[n];
            anyCorrect |= correct[n] != 0;
        }

        // sacreBLEU #141: no matches at any order is 0, whatever the smoothing.
        if (!anyCorrect)
        {
            return new BleuScore(0.0, counts, totals, precisions, bp, sysLen, refLen, signature);
        }

        double smoothMteval = 1.0;
        int usedOrder = order;
        for (int n = 1; n <= order; n++)
        {
            // NOTE: add-k adds to the statistics as floats (sacreBLEU mutates its lists); the reported counts stay integers.
            double c = correct[n - 1], t = total[n - 1];
            if (smoothing == BleuSmoothing.AddK && n > 1)
            {
                c += value;
                t += value;
            }

            if (t == 0)
            {
                break;
            }

            if (effectiveOrder)
            {
                usedOrder = n;
            }

            if (c == 0)
            {
                if (smoothing == BleuSmoothing.Exp)
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * t);
                }
                else if (smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100.0 * value / t;
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * c / t;
            }
        }

        double sum = 0;
        for (int n = 0; n < usedOrder; n++)
        {
            // sacreBLEU's my_log: log 0 is -9999999999, so a zero precision gives exp(huge negative) = 0.
            sum += precisions[n] == 0 ? -9999999999.0 : Math.Log(precisions[n]);
        }

        return new BleuScore(bp * Math.Exp(sum / usedOrder), counts, totals, precisions, bp, sysLen, refLen, signature);
    }

    internal static void CheckStreams(string metric, IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        if (references.Count == 0)
        {
            throw new ArgumentException($"{metric}: no reference streams; pass at least one.", nameof(references));
        }

        for (int k = 0; k < references.Count; k++)
        {
            if (references[k] is null || references[k].Count != hypotheses.Count)
            {
                throw new ArgumentException(
                    $"{metric}: reference stream {k + 1} has {references[k]?.Count ?? 0} segments but there are " +
                    $"{hypotheses.Count} hypotheses; every stream needs one segment per hypothesis.", nameof(references));
            }
        }
    }

    private string Preprocess(string segment)
    {
        if (Lowercase)
        {
            segment = PythonText.Lower(segment);
        }

        segment = PythonText.RStrip(segment);
        return Tokenization == BleuTokenization.Mteval13a ? Tokenizer13a.Tokenize(segment) : segment;
    }

    private void AddSegment(string hypothesis, List<string> refs, long[] correct, long[] total, ref long sysLen, ref long refLen)
    {
        int order = MaxNgramOrder;
        var refNgrams = new Dictionary<string, int>(StringComparer.Ordinal);
        int closestLen = -1, closestDiff = -1;
        var hypTokens = PythonText.Split(Preprocess(hypothesis));
        int hypLen = hypTokens.Count;
        foreach (var reference in refs)
        {
            var tokens = PythonText.Split(Preprocess(reference));
            int diff = Math.Abs(hypLen - tokens.Count);
            if (closestDiff == -1 || diff < closestDiff)
            {
                closestDiff = diff;
                closestLen = tokens.Count;
            }
            else if (diff == closestDiff && tokens.Count < closestLen)
            {
                closestLen = tokens.Count;
            }

            foreach (var (ngram, count) in Ngrams(tokens, order))
            {
                if (!refNgrams.TryGetValue(ngram, out int have) || count > have)
                {
                    refNgrams[ngram] = count;
                }
            }
        }

        sysLen += hypLen;
        refLen += closestLen;
        foreach (var (ngram, count) in Ngrams(hypTokens, order))
        {
            int n = 1;
            foreach (char ch in ngram)
            {
                n += ch == ' ' ? 1 : 0;
            }

            total[n - 1] += count;
            if (refNgrams.TryGetValue(ngram, out int refCount))
            {
                correct[n - 1] += Math.Min(count, refCount);
            }
        }
    }

    // n-grams of orders 1..order joined by single spaces (tokens contain no white space), with counts.
    private static Dictionary<string, int> Ngrams(List<string> list, int order)
    {
        var tokens = list.ToArray();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = 1; n <= order; n++)
        {
            for (int i = 0; i + n <= tokens.Length; i++)
            {
                var key = n == 1 ? tokens[i] : string.Join(' ', tokens, i, n);
                counts[key] = counts.TryGetValue(key, out int c) ? c + 1 : 1;
            }
        }

        return counts;
    }
}
