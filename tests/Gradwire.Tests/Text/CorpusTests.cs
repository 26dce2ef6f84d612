using Gradwire.Tests.IO;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class CorpusTests
{
    [Fact]
    public void Fortune_files_split_at_percent_lines_and_skip_dat_and_u8_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("wisdom"), "First fortune,\n  two lines.\n%\nSecond.\n%\n%\nThird %not a separator\n");
        File.WriteAllBytes(dir.File("wisdom.dat"), [0, 0, 0, 2, 0xFF, 0xFE]);
        File.WriteAllText(dir.File("wisdom.u8"), "must be skipped\n%\n");
        var fortunes = FortuneFile.ReadAll(dir.Path);
        Assert.Equal(["First fortune,\n  two lines.", "Second.", "Third %not a separator"], fortunes);
        Assert.Equal([dir.File("wisdom")], FortuneFile.Files(dir.Path));
    }

    [Fact]
    public void Missing_fortunes_say_which_package_to_install()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DirectoryNotFoundException>(() => FortuneFile.ReadAll(dir.Path));
        Assert.Contains("apt-get install fortunes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Installed_fortunes_read_as_utf8()
    {
        if (!FortuneFile.IsAvailable())
        {
            return; // apt-get install fortunes
        }

        var fortunes = FortuneFile.ReadAll();
        Assert.True(fortunes.Count > 1000, $"{fortunes.Count} fortunes");
        Assert.DoesNotContain(fortunes, f => f.Split('\n').Contains("%"));
    }

    [Fact]
    public void Corpus_names_paths_and_joins_resolve_and_unknown_names_are_explained()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.txt"), "alpha beta");
        File.WriteAllText(dir.File("b.txt"), "gamma\n");
        Assert.Equal("alpha beta", TextCorpus.Read(dir.File("a.txt")));
        Assert.Equal("alpha beta\ngamma\n", TextCorpus.Read(dir.File("a.txt") + "+" + dir.File("b.txt")));
        var e = Assert.Throws<FileNotFoundException>(() => TextCorpus.Read("no-such-corpus"));
        Assert.Contains("kjv", e.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => TextCorpus.Read("tinyshakespeare", dir.Path));
        File.WriteAllText(dir.File("tinyshakespeare.txt"), "First Citizen:\n");
        Assert.Equal("First Citizen:\n", TextCorpus.Read("tinyshakespeare", dir.Path));
    }
}
