using Gradwire.Tests.IO;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

/// <summary>A fact that runs only where Debian's sword-text-* package for a module is installed.</summary>
public sealed class SwordFactAttribute : FactAttribute
{
    public SwordFactAttribute(string moduleId, string package)
    {
        if (!SwordModule.IsAvailable(moduleId))
        {
            Skip = $"SWORD module {moduleId} is not installed (apt-get install {package}).";
        }
    }
}

public sealed class SwordModuleTests
{
    [Fact]
    public void A_crafted_module_reads_verses_by_index_and_reference_as_plain_text()
    {
        using var dir = new TempDirectory();
        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var module = SwordModule.Open(dir.Path, "test");
        Assert.Equal(5, module.Count);
        Assert.Equal(new VerseReference("Gen", 1, 1), module[0].Reference);
        Assert.Equal("In the beginning God created.", module[0].Text);
        Assert.Equal("And it was so; and good & fine.", module[1].Text);
        Assert.Equal("Thus the heavens were finished.", module.GetVerse("Gen", 2, 1).Text);
        Assert.Equal(new VerseReference("Exod", 1, 2), module[4].Reference);
        Assert.Equal("", module[4].Text);
        Assert.Equal("Now these are the names.", module.GetVerse("Exod", 1, 1).Text);
        Assert.False(module.TryGetVerse("Exod", 2, 1, out _));
        Assert.Throws<KeyNotFoundException>(() => module.GetVerse("Rev", 1, 1));
        Assert.Equal(4, module.ToPlainText().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_truncated_index_names_the_file()
    {
        using var dir = new TempDirectory();
        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var bzv = File.ReadAllBytes(dir.File("ot.bzv"));
        File.WriteAllBytes(dir.File("ot.bzv"), bzv[..^3]);
        var e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("ot.bzv", e.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);

        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var bzs = File.ReadAllBytes(dir.File("ot.bzs"));
        File.WriteAllBytes(dir.File("ot.bzs"), bzs[..^5]);
        e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("ot.bzs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_zlib_block_names_the_file_and_block()
    {
        using var dir = new TempDirectory();
        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var bzz = File.ReadAllBytes(dir.File("ot.bzz"));
        for (int i = 2; i < 12; i++)
        {
            bzz[i] ^= 0x5A; // the first block's deflate data, after its 2-byte header
        }

        File.WriteAllBytes(dir.File("ot.bzz"), bzz);
        var e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("ot.bzz", e.Message, StringComparison.Ordinal);
        Assert.Contains("block 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offsets_past_the_end_name_the_file()
    {
        using var dir = new TempDirectory();
        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var bzz = File.ReadAllBytes(dir.File("ot.bzz"));
        File.WriteAllBytes(dir.File("ot.bzz"), bzz[..^4]); // the last block now runs past the end of the file
        var e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("ot.bzz", e.Message, StringComparison.Ordinal);

        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        var bzv = File.ReadAllBytes(dir.File("ot.bzv"));
        bzv[4 * 10 + 5] = 1; // entry 4's start (+256), past the end of its block
        File.WriteAllBytes(dir.File("ot.bzv"), bzv);
        e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("ot.bzv", e.Message, StringComparison.Ordinal);
        Assert.Contains("entry 4", e.Message, StringComparison.Ordinal);

        SwordTestModule.Write(dir.Path, "ot", SwordTestModule.TwoBooks());
        bzv = File.ReadAllBytes(dir.File("ot.bzv"));
        bzv[3 * 10] = 99; // entry 3's block number
        File.WriteAllBytes(dir.File("ot.bzv"), bzv);
        e = Assert.Throws<InvalidDataException>(() => SwordModule.Open(dir.Path));
        Assert.Contains("entry 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_names_the_apt_package()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DirectoryNotFoundException>(() => SwordModule.Kjv(dir.Path));
        Assert.Contains("apt-get install sword-text-kjv", e.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => SwordModule.Open(dir.Path));
    }

    [Fact]
    public void Data_dir_may_be_a_sword_root_or_the_module_directory()
    {
        using var dir = new TempDirectory();
        string moduleDir = Path.Combine(dir.Path, "modules", "texts", "ztext", "engkjv2006eb");
        Directory.CreateDirectory(moduleDir);
        SwordTestModule.Write(moduleDir, "nt", SwordTestModule.TwoBooks());
        Assert.Equal(5, SwordModule.Kjv(dir.Path).Count);
        Assert.Equal(5, SwordModule.Kjv(moduleDir).Count);
    }

    [SwordFact("engKJV2006eb", "sword-text-kjv")]
    public void The_installed_kjv_has_31102_verses_in_canon_order()
    {
        var kjv = SwordModule.Kjv();
        Assert.Equal(31102, kjv.Count);
        Assert.Equal("In the beginning God created the heaven and the earth.", kjv[0].Text);
        Assert.Equal(new VerseReference("Gen", 1, 1), kjv[0].Reference);
        Assert.Equal(new VerseReference("Rev", 22, 21), kjv[^1].Reference);
        Assert.StartsWith("For God so loved the world", kjv.GetVerse("John", 3, 16).Text, StringComparison.Ordinal);
        Assert.Equal(new VerseReference("Mal", 4, 6), kjv[23144].Reference);
        Assert.Equal(new VerseReference("Matt", 1, 1), kjv[23145].Reference);
        foreach (var verse in kjv.Verses)
        {
            Assert.DoesNotContain('<', verse.Text);
            Assert.DoesNotContain('\u00B6', verse.Text);
        }
    }

    [SwordFact("spaRV1909eb", "sword-text-sparv")]
    public void Kjv_and_reina_valera_align_by_index_with_31084_usable_pairs()
    {
        if (!SwordModule.IsAvailable("engKJV2006eb"))
        {
            return;
        }

        var kjv = SwordModule.Kjv();
        var rv = SwordModule.ReinaValera1909();
        Assert.Equal(kjv.Count, rv.Count);
        int pairs = 0;
        for (int i = 0; i < kjv.Count; i++)
        {
            Assert.Equal(kjv[i].Reference, rv[i].Reference);
            pairs += kjv[i].Text.Length > 0 && rv[i].Text.Length > 0 ? 1 : 0;
        }

        Assert.Equal(31084, pairs);
        Assert.StartsWith("EN el principio", rv[0].Text, StringComparison.Ordinal);
    }

    [SwordFact("engWEB2015eb", "sword-text-web")]
    public void The_world_english_bible_is_read_by_reference()
    {
        var web = SwordModule.WorldEnglishBible();
        Assert.StartsWith("In the beginning, God created the heavens and the earth.", web.GetVerse("Gen", 1, 1).Text, StringComparison.Ordinal);
        Assert.StartsWith("For God so loved the world", web.GetVerse("John", 3, 16).Text, StringComparison.Ordinal);
        Assert.True(web.Count > 31000);
    }
}
