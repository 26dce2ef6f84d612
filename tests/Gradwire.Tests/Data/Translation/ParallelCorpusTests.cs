using Gradwire.Data.Translation;
using Gradwire.Tests.Text;

namespace Gradwire.Tests.Data.Translation;

/// <summary>The position split of aligned corpora and its errors.</summary>
public sealed class ParallelCorpusTests
{
    private sealed class ListVerses(Dictionary<string, string[]> modules) : IVerseSource
    {
        public IReadOnlyList<string> Verses(string module) => modules[module];
    }

    private static string[] Numbered(string prefix, int n)
    {
        var verses = new string[n];
        for (int i = 0; i < n; i++)
        {
            verses[i] = $"{prefix} {i}";
        }

        return verses;
    }

    [Fact]
    public void Bible_split_is_last_2000_test_1000_before_validation_rest_train_in_order()
    {
        var corpus = ParallelCorpus.KjvReinaValera(new ListVerses(new()
        {
            ["KJV"] = Numbered("en", ParallelCorpus.BibleVersePairs),
            ["SpaRV"] = Numbered("es", ParallelCorpus.BibleVersePairs),
        }));
        Assert.Equal(28084, corpus.Train.Count);
        Assert.Equal(1000, corpus.Validation.Count);
        Assert.Equal(2000, corpus.Test.Count);
        Assert.Equal(new SentencePair("en 0", "es 0"), corpus.Train[0]);
        Assert.Equal(new SentencePair("en 28084", "es 28084"), corpus.Validation[0]);
        Assert.Equal(new SentencePair("en 29084", "es 29084"), corpus.Test[0]);
        Assert.Equal(new SentencePair("en 31083", "es 31083"), corpus.Test[^1]);
    }

    [Fact]
    public void Unaligned_lengths_and_splits_without_training_pairs_are_errors()
    {
        var e = Assert.Throws<ArgumentException>(() => ParallelCorpus.FromAligned(Numbered("a", 5), Numbered("b", 4)));
        Assert.Contains("source has 5 segments and the target 4", e.Message);
        Assert.Throws<ArgumentException>(() => ParallelCorpus.FromAligned(Numbered("a", 5), Numbered("b", 5), 3, 2));
        Assert.Equal(3, ParallelCorpus.FromAligned(Numbered("a", 5), Numbered("b", 5), 1, 1).Train.Count);
    }

    [Fact]
    public void Bible_pairs_drop_slots_where_either_side_is_empty()
    {
        var en = Numbered("en", 3010);
        var es = Numbered("es", 3010);
        en[5] = "";
        es[7] = " ";
        var corpus = ParallelCorpus.KjvReinaValera(new ListVerses(new() { ["KJV"] = en, ["SpaRV"] = es }));
        Assert.Equal(3008 - 3000, corpus.Train.Count);
        Assert.Equal(new SentencePair("en 6", "es 6"), corpus.Train[5]);
    }

    [SwordFact("spaRV1909eb", "sword-text-sparv")]
    public void Installed_kjv_and_reina_valera_give_31084_pairs_split_28084_1000_2000()
    {
        var corpus = ParallelCorpus.KjvReinaValera();
        Assert.Equal(28084, corpus.Train.Count);
        Assert.Equal(1000, corpus.Validation.Count);
        Assert.Equal(2000, corpus.Test.Count);
        Assert.Equal("In the beginning God created the heaven and the earth.", corpus.Train[0].Source);
        Assert.StartsWith("EN el principio", corpus.Train[0].Target, StringComparison.OrdinalIgnoreCase);
    }
}
