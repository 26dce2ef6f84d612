using System.Text;
using Gradwire.Tensors;
using Gradwire.Tests.IO;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class TextPipelineTests
{
    [Fact]
    public void Text_files_skip_a_bom_and_name_the_file_and_offset_of_an_invalid_byte()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("bom.txt"), [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i', 0xC3, 0xA9]);
        Assert.Equal("hié", TextFile.ReadAllText(dir.File("bom.txt")));
        File.WriteAllBytes(dir.File("bad.txt"), [(byte)'a', (byte)'b', (byte)'c', 0xFF, (byte)'d']);
        var e = Assert.Throws<InvalidDataException>(() => TextFile.ReadAllText(dir.File("bad.txt")));
        Assert.Contains("bad.txt", e.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 3", e.Message, StringComparison.Ordinal);
        File.WriteAllBytes(dir.File("bad-after-bom.txt"), [0xEF, 0xBB, 0xBF, (byte)'a', 0xC3]);
        e = Assert.Throws<InvalidDataException>(() => TextFile.ReadAllText(dir.File("bad-after-bom.txt")));
        Assert.Contains("byte offset 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => TextFile.ReadAllText(dir.File("missing.txt")));
    }

    [Theory]
    [InlineData(true, Punctuation.Split, "and god said , let there be light : and there was light .")]
    [InlineData(true, Punctuation.Drop, "and god said let there be light and there was light")]
    [InlineData(false, Punctuation.Keep, "And God said, Let there be light: and there was light.")]
    public void Tokenizer_lower_cases_and_splits_or_drops_punctuation_as_asked(bool lower, Punctuation punctuation, string expected)
    {
        var tokens = new WordTokenizer(lower, punctuation).Tokenize("And God said, Let there be light:\n and there was light.");
        Assert.Equal(expected, string.Join(' ', tokens));
    }

    [Fact]
    public void Tokenizer_keeps_apostrophes_inside_words_only()
    {
        var tokens = new WordTokenizer(true, Punctuation.Split).Tokenize("The LORD's 'word' don't");
        Assert.Equal(["the", "lord's", "'", "word", "'", "don't"], tokens);
    }

    [Fact]
    public void Vocabulary_orders_by_count_then_ordinally_and_folds_rare_tokens_into_unknown()
    {
        var tokens = "b a c a b d e e a".Split(' ');
        var vocab = Vocabulary.Build(tokens, minCount: 2);
        Assert.Equal(["<unk>", "a", "b", "e"], vocab.Tokens);
        Assert.Equal([2L, 3, 2, 2], vocab.Counts);
        Assert.Equal(0, vocab.IndexOf("zzz"));
        Assert.Equal(0, vocab.IndexOf("c"));
        Assert.Equal(9, vocab.TotalCount);
        var noUnk = Vocabulary.Build(tokens, minCount: 2, unknownToken: null);
        Assert.Equal(["a", "b", "e"], noUnk.Tokens);
        Assert.Equal(-1, noUnk.IndexOf("c"));
        Assert.Equal([0L, 1, 0, 1], noUnk.Encode(["a", "b", "c", "a", "b"]).Take(4).ToArray());
        var capped = Vocabulary.Build(tokens, maxSize: 3);
        Assert.Equal(["<unk>", "a", "b"], capped.Tokens);
        Assert.Equal(4, capped.Counts[0]);
    }

    [Fact]
    public void Vocabulary_encodes_to_int64_tensors_and_decodes_back()
    {
        var vocab = Vocabulary.Build("x y y z".Split(' '));
        var tensor = vocab.EncodeToTensor(["y", "x", "unseen"]);
        Assert.Equal(DType.Int64, tensor.DType);
        Assert.Equal([3], tensor.Shape.Dims.ToArray());
        var ids = tensor.ToInt64Array();
        Assert.Equal(["y", "x", "<unk>"], vocab.Decode(ids));
        Assert.Throws<ArgumentOutOfRangeException>(() => vocab.Decode([99L]));
    }

    [Fact]
    public void Vocabulary_survives_save_and_load_with_awkward_tokens()
    {
        using var dir = new TempDirectory();
        var vocab = Vocabulary.Build(["tab\there", "a\\b", "line\nbreak", "é", "é", "plain"]);
        vocab.Save(dir.File("v.txt"));
        var loaded = Vocabulary.Load(dir.File("v.txt"));
        Assert.Equal(vocab.Tokens, loaded.Tokens);
        Assert.Equal(vocab.Counts, loaded.Counts);
        Assert.Equal("<unk>", loaded.UnknownToken);
        File.WriteAllText(dir.File("bad.txt"), "gradwire-vocabulary 1 unk=\nword\tnotanumber\n");
        var e = Assert.Throws<InvalidDataException>(() => Vocabulary.Load(dir.File("bad.txt")));
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_by_position_keeps_order()
    {
        long[] tokens = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var (train, validation) = TokenSplit.ByPosition(tokens, 0.9);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 9], train);
        Assert.Equal([10L], validation);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenSplit.ByPosition(tokens, 1.5));
    }

    [Fact]
    public void Sequential_windows_are_contiguous_rows_with_next_token_targets()
    {
        var tokens = Enumerable.Range(0, 23).Select(i => (long)i).ToArray();
        var batcher = new SequenceBatcher(tokens, batchSize: 2, sequenceLength: 3);
        Assert.Equal(11, batcher.RowLength);
        Assert.Equal(3, batcher.SequentialCount);
        var windows = batcher.Sequential().ToList();
        Assert.Equal([2, 3], windows[0].Inputs.Shape.Dims.ToArray());
        Assert.Equal([0L, 1, 2, 11, 12, 13], windows[0].Inputs.ToInt64Array());
        Assert.Equal([1L, 2, 3, 12, 13, 14], windows[0].Targets.ToInt64Array());
        Assert.Equal([3L, 4, 5, 14, 15, 16], windows[1].Inputs.ToInt64Array());
        Assert.Equal([7L, 8, 9, 18, 19, 20], windows[2].Targets.ToInt64Array());
    }

    [Fact]
    public void Random_windows_are_deterministic_for_a_seed_and_stay_in_range()
    {
        var tokens = Enumerable.Range(0, 50).Select(i => (long)i).ToArray();
        var batcher = new SequenceBatcher(tokens, batchSize: 4, sequenceLength: 8);
        var a = batcher.Random(new Random(7));
        var b = batcher.Random(new Random(7));
        Assert.Equal(a.Inputs.ToInt64Array(), b.Inputs.ToInt64Array());
        var inputs = a.Inputs.ToInt64Array();
        var targets = a.Targets.ToInt64Array();
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i] + 1, targets[i]); // the stream is 0, 1, 2, …: the target is the next token
            Assert.InRange(targets[i], 1, 49);
        }
    }

    [Fact]
    public void Batcher_rejects_streams_too_short_for_one_window()
    {
        Assert.Throws<ArgumentException>(() => new SequenceBatcher([1L, 2, 3], 1, 3));
        var e = Assert.Throws<ArgumentException>(() => new SequenceBatcher([1L, 2, 3, 4, 5], 4, 2).Sequential().ToList());
        Assert.Contains("too few", e.Message, StringComparison.Ordinal);
    }
}
