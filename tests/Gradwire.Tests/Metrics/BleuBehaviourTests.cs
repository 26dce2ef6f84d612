using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gradwire.Metrics;

namespace Gradwire.Tests.Metrics;

/// <summary>BLEU and chrF beyond the vectors: the issue's figures, tokenizer rules, edge cases, errors, properties.</summary>
public sealed class BleuBehaviourTests
{
    private static readonly string[] Hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    private static readonly string[] Ref1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
    private static readonly string[] Ref2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];

    [Fact]
    public void Issue_example_gives_sacrebleu_figures_and_signature()
    {
        var score = new Bleu().CorpusScore(Hyps, [Ref1, Ref2]);
        Assert.Equal(48.530827, score.Score, 6);
        Assert.Equal(["82.4", "50.0", "45.5", "37.5"], score.Precisions.Select(p => p.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(0.943, score.BrevityPenalty, 3);
        Assert.Equal(17, score.SysLen);
        Assert.Equal(18, score.RefLen);
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.2", score.Signature);
    }

    [Theory]
    [InlineData("Hello, world.", "Hello , world .")]
    [InlineData("It wasn't 3.14 or 1,000.", "It wasn't 3.14 or 1,000 .")]
    [InlineData("pages 5-6 &amp; &quot;more&quot;", "pages 5 - 6 & \" more \"")]
    [InlineData("a-b (c) [d] {e} x/y $5 50% @me #tag", "a-b ( c ) [ d ] { e } x / y $ 5 50 % @ me # tag")]
    [InlineData("<skipped> kept &lt;tag&gt;", "kept < tag >")]
    [InlineData("end.\tnext ,comma", "end . next , comma")]
    [InlineData("  ", "")]
    public void Tokenizer_13a_follows_mteval_rules(string line, string expected) =>
        Assert.Equal(expected, Tokenizer13a.Tokenize(line));

    [Fact]
    public void Lowercase_changes_the_signature_and_matches_case_insensitively()
    {
        var bleu = new Bleu { Lowercase = true };
        var score = bleu.CorpusScore(["THE DOG BIT THE MAN."], [["the dog bit the man."]]);
        Assert.Equal(100, score.Score, 9);
        Assert.StartsWith("nrefs:1|case:lc|", score.Signature);
        Assert.Equal(0, new Bleu().CorpusScore(["THE DOG BIT THE MAN"], [["the dog bit the man"]]).Score);
    }

    [Fact]
    public void Python_lower_rules_apply_to_dotted_i_and_final_sigma()
    {
        Assert.Equal("i\u0307stanbul", PythonText.Lower("\u0130stanbul"));
        Assert.Equal("οδος", PythonText.Lower("ΟΔΟΣ"));
        Assert.Equal("σα", PythonText.Lower("ΣΑ"));
    }

    [Fact]
    public void Empty_hypotheses_score_zero_with_the_reference_length()
    {
        var score = new Bleu().CorpusScore(["", ""], [["a b c", "d e"]]);
        Assert.Equal(0, score.Score);
        Assert.Equal(0, score.BrevityPenalty);
        Assert.Equal(0, score.SysLen);
        Assert.Equal(5, score.RefLen);
    }

    [Fact]
    public void Empty_references_are_dropped_and_a_segment_without_any_is_an_error()
    {
        var score = new Bleu().CorpusScore(["a b c d", "e f g h"], [["a b c d", "e f g h"], ["", "e f g h"]]);
        Assert.Equal(100, score.Score, 9);
        Assert.StartsWith("nrefs:var|", score.Signature);
        var e = Assert.Throws<ArgumentException>(() => new Bleu().CorpusScore(["a"], [[""]]));
        Assert.Contains("segment 1 has only empty references", e.Message);
        Assert.Throws<ArgumentException>(() => new Chrf().CorpusScore(["a"], [[""]]));
    }

    [Fact]
    public void Reference_streams_of_differing_length_are_an_error_naming_the_stream()
    {
        var e = Assert.Throws<ArgumentException>(() => new Bleu().CorpusScore(Hyps, [Ref1, ["only one"]]));
        Assert.Contains("reference stream 2 has 1 segments but there are 3 hypotheses", e.Message);
        Assert.Throws<ArgumentException>(() => new Bleu().CorpusScore(Hyps, []));
        Assert.Throws<ArgumentException>(() => new Chrf().CorpusScore(Hyps, [Ref1, ["x"]]));
    }

    [Fact]
    public void Closest_reference_length_ties_go_to_the_shorter()
    {
        // Hypothesis of 3 tokens; references of 2 and 4 tokens are equally close: ref_len is 2.
        var score = new Bleu().CorpusScore(["a b c"], [["a b"], ["a b c d"]]);
        Assert.Equal(2, score.RefLen);
        Assert.Equal(1.0, score.BrevityPenalty);
    }

    [Fact]
    public void Unicode_text_tokenizes_and_chrf_counts_code_points()
    {
        var bleu = new Bleu().CorpusScore(["Él comió pan, ¿no?"], [["Él comió pan, ¿no?"]]);
        Assert.Equal(100, bleu.Score, 9);

        // An emoji is one character in Python: "😀a" has two character unigrams and one bigram.
        var chrf = new Chrf { CharOrder = 2 }.CorpusScore(["😀a"], [["😀b"]]);
        Assert.Equal(100 * (5 * 0.25 * 0.25 / (4 * 0.25 + 0.25)), chrf.Score, 9);
    }

    [Fact]
    public void Chrf_plus_plus_adds_word_ngrams_and_names_itself()
    {
        var plus = Chrf.PlusPlus().CorpusScore(Hyps, [Ref1, Ref2]);
        var plain = new Chrf().CorpusScore(Hyps, [Ref1, Ref2]);
        Assert.Equal("chrF2++", plus.Name);
        Assert.Equal("chrF2", plain.Name);
        Assert.Equal("nrefs:2|case:mixed|eff:yes|nc:6|nw:2|space:no|version:2.4.2", plus.Signature);
        Assert.NotEqual(plain.Score, plus.Score);
        Assert.Equal(100, Chrf.PlusPlus().CorpusScore(["(hi) there."], [["(hi) there."]]).Score, 9);
    }

    [Fact]
    public void Smoothing_signatures_carry_their_values()
    {
        Assert.Contains("smooth:floor[0.10]", new Bleu { Smoothing = BleuSmoothing.Floor }.Signature(1));
        Assert.Contains("smooth:add-k[2.00]", new Bleu { Smoothing = BleuSmoothing.AddK, SmoothValue = 2 }.Signature(1));
        Assert.Contains("eff:yes|tok:none|smooth:none", new Bleu { Smoothing = BleuSmoothing.None, EffectiveOrder = true, Tokenization = BleuTokenization.None }.Signature(1));
    }

    private static readonly string[] Vocabulary = ["the", "dog", "bit", "man", ".", ",", "Él", "😀", "a-b", "3.5", "&amp;", "(x)"];

    // Each line has at least four words, so every n-gram order up to 4 has hypothesis n-grams; shorter corpora
    // score 0 without effective order, in sacreBLEU too.
    private static Arbitrary<string[]> Corpora() =>
        Gen.ArrayOf(Gen.ArrayOf(Gen.Elements(Vocabulary))
                .Select(words => string.Join(' ', words) + " the dog bit him"))
            .Where(lines => lines.Length > 0 && lines.All(l => l.Length > 0))
            .ToArbitrary();

    [Property(MaxTest = 60)]
    public Property Bleu_and_chrf_of_references_against_themselves_are_100() =>
        Prop.ForAll(Corpora(), refs =>
        {
            var bleu = new Bleu().CorpusScore(refs, [refs]).Score;
            var chrf = new Chrf().CorpusScore(refs, [refs]).Score;
            return Math.Abs(bleu - 100) < 1e-9 && Math.Abs(chrf - 100) < 1e-9;
        });

    [Property(MaxTest = 60)]
    public Property Scores_lie_between_0_and_100() =>
        Prop.ForAll(Corpora(), Corpora(), (a, b) =>
        {
            int n = Math.Min(a.Length, b.Length);
            var hyps = a[..n];
            var refs = b[..n];
            foreach (var smoothing in new[] { BleuSmoothing.Exp, BleuSmoothing.Floor, BleuSmoothing.AddK, BleuSmoothing.None })
            {
                var s = new Bleu { Smoothing = smoothing }.CorpusScore(hyps, [refs]).Score;
                if (!(s >= 0 && s <= 100 + 1e-9))
                {
                    return false;
                }
            }

            var c = Chrf.PlusPlus().CorpusScore(hyps, [refs]).Score;
            return c >= 0 && c <= 100 + 1e-9;
        });
}
