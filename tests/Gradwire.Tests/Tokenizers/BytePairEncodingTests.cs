using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gradwire.Tokenizers;

namespace Gradwire.Tests.Tokenizers;

/// <summary>Byte-level BPE: known merges, lossless round trip, determinism, save/load, errors, training speed.</summary>
public sealed class BytePairEncodingTests
{
    private static int B(char c) => BytePairEncoding.ByteOffset + c;

    [Fact]
    public void Learns_the_textbook_merges_in_frequency_order()
    {
        // Sennrich et al.'s example: "low"×5, "lower"×2, "newest"×6, "widest"×3 (as separate chunks, no spaces).
        var texts = new List<string>();
        void Add(string w, int n)
        {
            for (int i = 0; i < n; i++)
            {
                texts.Add(w);
            }
        }

        Add("low", 5);
        Add("lower", 2);
        Add("newest", 6);
        Add("widest", 3);
        var bpe = BytePairEncoding.Train(texts, vocabSize: BytePairEncoding.FirstMergeId + 4, minFrequency: 2);

        // Pair counts: es 9, st 9 (tie → smaller pair (e,s) first), then est 9, then lo 7.
        int es = BytePairEncoding.FirstMergeId;
        Assert.Equal((B('e'), B('s')), bpe.Merges[0]);
        Assert.Equal((es, B('t')), bpe.Merges[1]);
        Assert.Equal((B('l'), B('o')), bpe.Merges[2]);
        Assert.Equal((es + 2, B('w')), bpe.Merges[3]);
        Assert.Equal([es + 1], bpe.Encode("est"));
        Assert.Equal([es + 3, B('e'), B('r')], bpe.Encode("lower"));
    }

    [Fact]
    public void Min_frequency_stops_training_early()
    {
        var bpe = BytePairEncoding.Train(["ab ab ab cd"], vocabSize: 1000, minFrequency: 3);
        // Chunks "ab", " ab", " ab", " cd": (a, b) occurs 3 times and is merged; then (" ", ab) has 2 < 3.
        Assert.Single(bpe.Merges);
        Assert.Equal((B('a'), B('b')), bpe.Merges[0]);
    }

    [Fact]
    public void Training_is_deterministic_and_survives_save_and_load()
    {
        var corpus = new[] { "In the beginning God created the heaven and the earth.", "And the earth was without form, and void; ¿qué? 😀 niño" };
        var a = BytePairEncoding.Train(corpus, 400, 1);
        var b = BytePairEncoding.Train(corpus, 400, 1);
        Assert.Equal(a.Merges, b.Merges);
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-bpe-{Guid.NewGuid():N}.json");
        try
        {
            a.Save(path);
            var loaded = BytePairEncoding.Load(path);
            Assert.Equal(a.Merges, loaded.Merges);
            Assert.Equal(a.Encode(corpus[1]), loaded.Encode(corpus[1]));
            File.WriteAllText(path, "{\"format\":\"other\"}");
            Assert.Throws<InvalidDataException>(() => BytePairEncoding.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Special_ids_are_fixed_and_never_come_from_text()
    {
        var bpe = BytePairEncoding.Train(["<pad> <eos> hello"], 300, 1);
        Assert.Equal(0, BytePairEncoding.PadId);
        Assert.Equal(1, BytePairEncoding.BosId);
        Assert.Equal(2, BytePairEncoding.EosId);
        Assert.Equal(3, BytePairEncoding.UnkId);
        var ids = bpe.Encode("<pad> unseen ✓ chars");
        Assert.DoesNotContain(ids, id => id < BytePairEncoding.ByteOffset);
        Assert.Equal("hi", bpe.Decode([BytePairEncoding.BosId, B('h'), B('i'), BytePairEncoding.EosId, BytePairEncoding.PadId]));
        Assert.Throws<ArgumentException>(() => bpe.Decode([bpe.VocabSize]));
        Assert.Throws<ArgumentException>(() => bpe.Encode("bad \uD800 surrogate"));
    }

    private static readonly BytePairEncoding Trained = BytePairEncoding.Train(
        ["the quick brown fox jumps over the lazy dog", "el rápido zorro marrón salta sobre el perro perezoso", "日本語のテキスト 😀😀 tabs\tand\nnewlines  "], 600, 1);

    [Property(MaxTest = 200)]
    public Property Decode_of_encode_is_the_identity_for_any_valid_text() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.OneOf(
                    Gen.Elements("the", " ", "  ", "\t", "\n", "ñ", "日本", "😀", "'s", "42", "?!", "\r\n", "\u0301", "perro"),
                    Gen.Choose(0, 0xD7FF).Select(c => ((char)c).ToString())))
                .Select(parts => string.Concat(parts)).ToArbitrary(),
            text => Trained.Decode(Trained.Encode(text)) == text);

    [Fact]
    public void Eight_thousand_merges_on_a_bible_sized_text_train_in_seconds()
    {
        // KJV-sized synthetic text (about 800,000 words from a 12,000-word Zipf vocabulary) when the real one is not
        // at hand; the SWORD corpus test in ParallelCorpusTests uses the real verses.
        var random = new Random(7);
        var vocabulary = new string[12000];
        for (int i = 0; i < vocabulary.Length; i++)
        {
            var chars = new char[3 + random.Next(8)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)('a' + random.Next(26));
            }

            vocabulary[i] = new string(chars);
        }

        var lines = new List<string>();
        for (int line = 0; line < 31000; line++)
        {
            var words = new string[26];
            for (int w = 0; w < words.Length; w++)
            {
                words[w] = vocabulary[(int)(vocabulary.Length * Math.Pow(random.NextDouble(), 3))];
            }

            lines.Add(string.Join(' ', words));
        }

        var clock = Stopwatch.StartNew();
        var bpe = BytePairEncoding.Train(lines, BytePairEncoding.FirstMergeId + 8000, 2);
        clock.Stop();
        Assert.Equal(8000, bpe.Merges.Count);
        Assert.True(clock.Elapsed.TotalSeconds < 60, $"8,000 merges took {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(lines[5], bpe.Decode(bpe.Encode(lines[5])));
    }
}
