using FsCheck.Xunit;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class CharVocabularyTests
{
    [Fact]
    public void Symbols_are_the_distinct_characters_sorted_ordinally()
    {
        var v = CharVocabulary.FromText("hello, world\n");
        Assert.Equal("\n ,dehlorw", new string(v.Symbols.ToArray()));
        Assert.Equal([5L, 4L, 6L, 6L, 7L], v.Encode("hello"));
    }

    [Property]
    public bool Encode_then_decode_is_the_identity(FsCheck.NonEmptyString text)
    {
        var v = CharVocabulary.FromText(text.Get);
        return v.Decode(v.Encode(text.Get)) == text.Get;
    }

    [Property]
    public bool Serialize_then_parse_gives_the_same_ids(FsCheck.NonEmptyString text)
    {
        var v = CharVocabulary.FromText(text.Get);
        var back = CharVocabulary.Parse(v.Serialize());
        return back.Count == v.Count && back.Encode(text.Get).SequenceEqual(v.Encode(text.Get));
    }

    [Fact]
    public void Unknown_characters_ids_and_bad_files_are_named()
    {
        var v = CharVocabulary.FromText("abc");
        var e = Assert.Throws<ArgumentException>(() => v.Encode("abz"));
        Assert.Contains("U+007A at position 2", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => v.Decode([3L]));
        Assert.Throws<FormatException>(() => CharVocabulary.Parse("[98, 97]"));
        Assert.Throws<FormatException>(() => CharVocabulary.Parse("not json"));
        Assert.Equal(-1, v.IdOf('z'));
    }
}
