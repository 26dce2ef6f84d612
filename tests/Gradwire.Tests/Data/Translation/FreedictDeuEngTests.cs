using System.IO.Compression;
using System.Text;
using Gradwire.Data.Translation;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data.Translation;

/// <summary>Skips a test when <c>dict-freedict-deu-eng</c> is not installed.</summary>
public sealed class FreedictFactAttribute : FactAttribute
{
    public FreedictFactAttribute()
    {
        if (!FreedictDeuEng.IsInstalled())
            Skip = $"dict-freedict-deu-eng is not in {FreedictDeuEng.DefaultDirectory} (apt-get install dict-freedict-deu-eng).";
    }
}

/// <summary>The dictd reader and the German–English sentence rule, on crafted files and on the installed dictionary.</summary>
public sealed class FreedictDeuEngTests
{
    private const string Sentence =
        "Der Hund schläft im Garten. /deːɐ hʊnt/\nThe dog sleeps in the garden.\n see: {schlafen}, {ruhen}\n\n";

    private const string Phrase = "den Garten gießen /deːn ˈɡartən/ <v>\nwater the garden <v> [fig.]\n   Synonym: {die Beete wässern}\n\n";

    private const string Labelled = "Sie kocht wirklich sehr gern! /ziː/ <adj>\n   Note: umgangssprachlich\n [ugs.]  [kochen] She really loves cooking!\n";

    private const string Abbreviation = "Der Brief an jdm. /deːɐ/\nThe letter to sb.\n";

    /// <summary>A dictzip: gzip whose header carries dictzip's FEXTRA "RA" field (a plain gzip reader skips it).</summary>
    private static void WriteDictzip(string path, byte[] text)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(text);
        }

        var plain = memory.ToArray();
        byte[] extra = [(byte)'R', (byte)'A', 6, 0, 1, 0, 0, 0x40, 1, 0];
        var header = plain[..10];
        header[3] |= 4; // FLG.FEXTRA
        using var file = File.Create(path);
        file.Write(header);
        file.Write([(byte)extra.Length, 0]);
        file.Write(extra);
        file.Write(plain.AsSpan(10));
    }

    private static string Craft(TempDirectory dir, params string[] entries)
    {
        var text = new StringBuilder();
        var index = new StringBuilder();
        foreach (var entry in entries)
        {
            var offset = Encoding.UTF8.GetByteCount(text.ToString());
            var length = Encoding.UTF8.GetByteCount(entry);
            index.Append(entry.Split(' ')[0].ToLowerInvariant()).Append('\t').Append(Base64(offset)).Append('\t').Append(Base64(length)).Append('\n');
            text.Append(entry);
        }

        WriteDictzip(Path.Combine(dir.Path, FreedictDeuEng.DictFile), Encoding.UTF8.GetBytes(text.ToString()));
        File.WriteAllText(Path.Combine(dir.Path, FreedictDeuEng.IndexFile), index.ToString());
        return dir.Path;
    }

    private static string Base64(long value)
    {
        const string digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var s = "";
        do
        {
            s = digits[(int)(value % 64)] + s;
            value /= 64;
        }
        while (value > 0);
        return s;
    }

    [Fact]
    public void Dictd_base64_numbers_are_most_significant_digit_first()
    {
        Assert.Equal(116, DictdFile.Decode("B0", "x.index", 1));
        Assert.Equal(0, DictdFile.Decode("A", "x.index", 1));
        Assert.Equal(63 * 64 + 62, DictdFile.Decode("/+", "x.index", 1));
        var e = Assert.Throws<InvalidDataException>(() => DictdFile.Decode("B*", "x.index", 7));
        Assert.Contains("x.index:7", e.Message);
    }

    [Fact]
    public void Sentence_headwords_with_a_sentence_translation_become_pairs_and_phrases_do_not()
    {
        using var dir = new TempDirectory();
        var pairs = FreedictDeuEng.Pairs(Craft(dir, Phrase, Sentence, Abbreviation, Labelled));
        Assert.Equal(
            [new SentencePair("Der Hund schläft im Garten.", "The dog sleeps in the garden."), new SentencePair("Sie kocht wirklich sehr gern!", "She really loves cooking!")],
            pairs);
    }

    [Fact]
    public void An_entry_listed_under_two_headwords_counts_once()
    {
        using var dir = new TempDirectory();
        var path = Craft(dir, Sentence);
        var line = File.ReadAllText(Path.Combine(path, FreedictDeuEng.IndexFile));
        File.WriteAllText(Path.Combine(path, FreedictDeuEng.IndexFile), line + "hund" + line[line.IndexOf('\t', StringComparison.Ordinal)..]);
        Assert.Single(FreedictDeuEng.Pairs(path));
    }

    [Fact]
    public void An_offset_past_the_end_of_the_text_names_the_index_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = Craft(dir, Sentence);
        var index = Path.Combine(path, FreedictDeuEng.IndexFile);
        File.AppendAllText(index, "kaputt\tZZZZ\tB0\n");
        var e = Assert.Throws<InvalidDataException>(() => FreedictDeuEng.Pairs(path));
        Assert.Contains($"{index}:2", e.Message);
        Assert.Contains("runs past the end", e.Message);
    }

    [Fact]
    public void A_malformed_index_line_and_a_corrupt_dictzip_name_their_file()
    {
        using var dir = new TempDirectory();
        var path = Craft(dir, Sentence);
        var index = Path.Combine(path, FreedictDeuEng.IndexFile);
        File.AppendAllText(index, "nur ein feld\n");
        Assert.Contains($"{index}:2", Assert.Throws<InvalidDataException>(() => FreedictDeuEng.Pairs(path)).Message);
        var dict = Path.Combine(path, FreedictDeuEng.DictFile);
        File.WriteAllBytes(dict, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]);
        Assert.Contains(dict, Assert.Throws<InvalidDataException>(() => FreedictDeuEng.Pairs(path)).Message);
    }

    [Fact]
    public void A_missing_dictionary_names_the_apt_package()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => ParallelCorpus.FreedictDeuEng(dir.Path));
        Assert.Contains("apt-get install dict-freedict-deu-eng", e.Message);
        Assert.Contains(FreedictDeuEng.IndexFile, e.Message);
    }

    [FreedictFact]
    public void The_installed_dictionary_gives_its_sentence_pairs_split_by_position()
    {
        var pairs = FreedictDeuEng.Pairs();
        Assert.InRange(pairs.Count, 8000, 15000);
        // No entry of the (GPL) dictionary is written into the repository: the rule is checked on every pair instead.
        foreach (var (german, english) in pairs)
        {
            Assert.True(german[^1] is '.' or '!' or '?', german);
            Assert.True(english[^1] is '.' or '!' or '?', english);
            Assert.DoesNotContain("/", german[^1..]);
            Assert.True(char.IsUpper(german[0]), german);
            Assert.True(german.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3, german);
        }

        var corpus = ParallelCorpus.FreedictDeuEng();
        Assert.Equal(1000, corpus.Test.Count);
        Assert.Equal(500, corpus.Validation.Count);
        Assert.Equal(pairs.Count - 1500, corpus.Train.Count);
        Assert.Equal(pairs[^1], corpus.Test[^1]);
    }
}
