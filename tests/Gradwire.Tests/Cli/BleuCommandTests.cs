using System.Text.Json;

namespace Gradwire.Tests.Cli;

/// <summary><c>gradwire bleu</c>: sacreBLEU's command-line shape, text and JSON output, and its errors.</summary>
public sealed class BleuCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gradwire-bleu-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private (string Hyp, string Ref1, string Ref2) IssueFiles() => (
        Write("hyp.txt", "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n"),
        Write("ref1.txt", "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n"),
        Write("ref2.txt", "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n"));

    [Fact]
    public void Prints_sacrebleu_text_line_for_the_issue_example()
    {
        var (hyp, ref1, ref2) = IssueFiles();
        var result = CliRunner.Run("bleu", ref1, ref2, "-i", hyp);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "BLEU|nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.2 = 48.5 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)",
            result.Out.Trim());
    }

    [Fact]
    public void Json_carries_score_precisions_lengths_signature_and_chrf_when_asked()
    {
        var (hyp, ref1, ref2) = IssueFiles();
        var result = CliRunner.Run("bleu", ref1, ref2, "-i", hyp, "--json", "--metrics", "bleu", "chrf");
        Assert.Equal(0, result.ExitCode);
        var o = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(48.530827, o.GetProperty("score").GetDouble(), 6);
        Assert.Equal(4, o.GetProperty("precisions").GetArrayLength());
        Assert.Equal(0.943, o.GetProperty("bp").GetDouble(), 3);
        Assert.Equal(17, o.GetProperty("sys_len").GetInt32());
        Assert.Equal(18, o.GetProperty("ref_len").GetInt32());
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.2", o.GetProperty("signature").GetString());
        Assert.Equal("chrF2", o.GetProperty("chrf_name").GetString());
        Assert.StartsWith("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|", o.GetProperty("chrf_signature").GetString());
    }

    [Fact]
    public void Lowercase_tokenize_and_chrf_plus_plus_options_reach_the_signatures()
    {
        var (hyp, ref1, _) = IssueFiles();
        var result = CliRunner.Run("bleu", ref1, "-i", hyp, "--lowercase", "--tokenize", "none", "-m", "bleu", "chrf", "--chrf-word-order", "2");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Trim().Split('\n');
        Assert.StartsWith("BLEU|nrefs:1|case:lc|eff:no|tok:none|smooth:exp|", lines[0]);
        Assert.StartsWith("chrF2++|nrefs:1|case:lc|eff:yes|nc:6|nw:2|space:no|", lines[1]);
    }

    [Fact]
    public void Line_count_mismatch_names_the_file_and_both_counts()
    {
        var (hyp, ref1, _) = IssueFiles();
        var shortRef = Write("short.txt", "one line\n");
        var result = CliRunner.Run("bleu", ref1, shortRef, "-i", hyp);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"reference file {shortRef} has 1 lines but the hypotheses ({hyp}) have 3", result.Error);
    }

    [Fact]
    public void Missing_file_invalid_utf8_and_unknown_metric_are_usage_errors()
    {
        var (hyp, ref1, _) = IssueFiles();
        Assert.Equal(2, CliRunner.Run("bleu", Path.Combine(_dir, "nope.txt"), "-i", hyp).ExitCode);
        var bad = Path.Combine(_dir, "bad.txt");
        File.WriteAllBytes(bad, [0x61, 0xFF, 0x0A, 0x62, 0x0A, 0x63, 0x0A]);
        var invalid = CliRunner.Run("bleu", bad, "-i", hyp);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("not valid UTF-8", invalid.Error);
        Assert.Equal(2, CliRunner.Run("bleu", ref1, "-i", hyp, "--metrics", "ter").ExitCode);
    }
}
