using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.Metrics;

namespace Gradwire.Tests.Metrics;

/// <summary>
/// sacreBLEU's own test vectors (vectors/sacrebleu_vectors.json, written down from its test files, which the file
/// names) for corpus BLEU, sentence BLEU, BLEU from statistics and chrF.
/// </summary>
public sealed class SacreBleuVectorTests
{
    private static JsonElement Vectors([CallerFilePath] string here = "") =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "vectors", "sacrebleu_vectors.json"))).RootElement;

    private static string[] Strings(JsonElement array)
    {
        var list = new List<string>();
        foreach (var e in array.EnumerateArray())
        {
            list.Add(e.GetString()!);
        }

        return list.ToArray();
    }

    private static BleuSmoothing Smoothing(JsonElement options) =>
        !options.TryGetProperty("smooth", out var s) ? BleuSmoothing.Exp : s.GetString() switch
        {
            "exp" => BleuSmoothing.Exp,
            "floor" => BleuSmoothing.Floor,
            "add-k" => BleuSmoothing.AddK,
            "none" => BleuSmoothing.None,
            var other => throw new InvalidDataException($"unknown smoothing {other}"),
        };

    private static Bleu BleuFor(JsonElement o) => new()
    {
        Smoothing = Smoothing(o),
        SmoothValue = o.TryGetProperty("smooth_value", out var v) ? v.GetDouble() : null,
        Tokenization = o.TryGetProperty("tokenize", out var t) && t.GetString() == "none" ? BleuTokenization.None : BleuTokenization.Mteval13a,
        EffectiveOrder = o.TryGetProperty("effective_order", out var e) && e.GetBoolean(),
        MaxNgramOrder = o.TryGetProperty("max_order", out var m) ? m.GetInt32() : 4,
    };

    [Fact]
    public void Corpus_bleu_matches_every_sacrebleu_vector()
    {
        int checkedCases = 0;
        foreach (var c in Vectors().GetProperty("corpus_bleu").EnumerateArray())
        {
            var refs = new List<IReadOnlyList<string>>();
            foreach (var stream in c.GetProperty("refs").EnumerateArray())
            {
                refs.Add(Strings(stream));
            }

            var score = BleuFor(c.GetProperty("options")).CorpusScore(Strings(c.GetProperty("hyps")), refs);
            var expected = c.GetProperty("score").GetDouble();
            var tolerance = c.GetProperty("tolerance").GetDouble();
            Assert.True(Math.Abs(score.Score - expected) <= tolerance,
                $"{c.GetProperty("from").GetString()}: got {score.Score:R}, sacreBLEU {expected:R}");
            if (c.TryGetProperty("text", out var text))
            {
                Assert.Equal(text.GetString(), score.Format());
            }

            if (c.TryGetProperty("counts", out var counts))
            {
                Assert.Equal(Longs(counts), score.Counts);
                Assert.Equal(Longs(c.GetProperty("totals")), score.Totals);
            }

            checkedCases++;
        }

        Assert.True(checkedCases >= 17);
    }

    [Fact]
    public void Sentence_bleu_matches_sacrebleu_with_every_smoothing()
    {
        foreach (var group in Vectors().GetProperty("sentence_bleu").EnumerateArray())
        {
            var hyp = group.GetProperty("hyp").GetString()!;
            var refs = Strings(group.GetProperty("refs"));
            var tolerance = group.GetProperty("tolerance").GetDouble();
            foreach (var c in group.GetProperty("cases").EnumerateArray())
            {
                var bleu = new Bleu
                {
                    Smoothing = Smoothing(c),
                    SmoothValue = c.TryGetProperty("smooth_value", out var v) ? v.GetDouble() : null,
                    Tokenization = c.GetProperty("tokenize").GetString() == "none" ? BleuTokenization.None : BleuTokenization.Mteval13a,
                    EffectiveOrder = true,
                };
                var score = bleu.SentenceScore(hyp, refs).Score;
                var expected = c.GetProperty("score").GetDouble();
                Assert.True(Math.Abs(score - expected) <= tolerance, $"{c}: got {score:R}, sacreBLEU {expected:R}");
            }
        }
    }

    [Fact]
    public void Bleu_from_statistics_matches_sacrebleu_including_degenerate_ones()
    {
        foreach (var c in Vectors().GetProperty("compute_bleu").EnumerateArray())
        {
            var score = Bleu.Compute(Longs(c.GetProperty("correct")), Longs(c.GetProperty("total")),
                c.GetProperty("sys_len").GetInt64(), c.GetProperty("ref_len").GetInt64(), Smoothing(c),
                c.TryGetProperty("smooth_value", out var v) ? v.GetDouble() : null).Score;
            var expected = c.GetProperty("score").GetDouble();
            Assert.True(Math.Abs(score - expected) <= c.GetProperty("tolerance").GetDouble(), $"{c}: got {score:R}");
        }
    }

    [Fact]
    public void Chrf_matches_every_sacrebleu_vector()
    {
        int checkedCases = 0;
        foreach (var group in Vectors().GetProperty("chrf").EnumerateArray())
        {
            var chrf = new Chrf
            {
                Beta = group.GetProperty("beta").GetDouble(),
                EpsSmoothing = group.GetProperty("eps").GetBoolean(),
                Whitespace = group.TryGetProperty("whitespace", out var w) && w.GetBoolean(),
            };
            var tolerance = group.GetProperty("tolerance").GetDouble();
            foreach (var c in group.GetProperty("cases").EnumerateArray())
            {
                var score = chrf.CorpusScore(Strings(c.GetProperty("hyps")), [Strings(c.GetProperty("refs"))]).Score;
                var expected = c.GetProperty("score").GetDouble();
                Assert.True(Math.Abs(score - expected) <= tolerance,
                    $"{group.GetProperty("from").GetString()} {c}: got {score:R}, sacreBLEU {expected:R}");
                checkedCases++;
            }
        }

        Assert.True(checkedCases >= 25);
    }

    private static long[] Longs(JsonElement array)
    {
        var list = new List<long>();
        foreach (var e in array.EnumerateArray())
        {
            list.Add(e.GetInt64());
        }

        return list.ToArray();
    }
}
