using Gradwire.Tests.Cli;
using Gradwire.Tests.IO;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class WordVectorsTests
{
    /// <summary>
    /// Six words on four axes built so that king − man + woman = queen and paris − france + italy = rome exactly:
    /// royalty (king, queen), gender (queen, woman), capital (paris, rome), country (italy, rome, france, paris).
    /// </summary>
    private static WordVectors Crafted() => new(
        ["king", "man", "woman", "queen", "paris", "france", "italy", "rome"],
        4,
        [
            1, 0, 0, 0,   // king: royal
            0, 0, 0, 0.01f, // man: (almost) nothing
            0, 1, 0, 0.01f, // woman: female
            1, 1, 0, 0,   // queen: royal female
            0, 0, 1, 1,   // paris: capital, french
            0, 0, 0, 1,   // france
            0, 0, 0, -1,  // italy
            0, 0, 1, -1,  // rome
        ]);

    [Fact]
    public void Text_and_binary_formats_round_trip_exactly()
    {
        using var dir = new TempDirectory();
        var random = new Random(5);
        var data = Enumerable.Range(0, 3 * 7).Select(_ => (float)(random.NextDouble() - 0.5) * 1e-3f).ToArray();
        var vectors = new WordVectors(["the", "é", "l'eau"], 7, data);
        vectors.SaveText(dir.File("v.txt"));
        vectors.SaveBinary(dir.File("v.bin"));
        foreach (var (file, binary) in new[] { ("v.txt", false), ("v.bin", true) })
        {
            var loaded = WordVectors.Load(dir.File(file), binary);
            Assert.Equal(vectors.Words, loaded.Words);
            Assert.Equal(7, loaded.Dimension);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(vectors[i].ToArray(), loaded[i].ToArray());
            }
        }

        Assert.StartsWith("3 7\nthe ", File.ReadAllText(dir.File("v.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_vector_files_name_the_file_and_line()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.txt"), "2 3\nx 1 2 3\ny 1 2\n");
        var e = Assert.Throws<InvalidDataException>(() => WordVectors.Load(dir.File("a.txt")));
        Assert.Contains("a.txt', line 3", e.Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("b.txt"), "x 1 2 3\n");
        Assert.Contains("count dim", Assert.Throws<InvalidDataException>(() => WordVectors.Load(dir.File("b.txt"))).Message, StringComparison.Ordinal);
        File.WriteAllText(dir.File("c.txt"), "3 1\nx 1\n");
        Assert.Contains("ends after 1", Assert.Throws<InvalidDataException>(() => WordVectors.Load(dir.File("c.txt"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosine_neighbours_and_analogies_follow_the_geometry()
    {
        var v = Crafted();
        Assert.Equal(1f, v.Similarity("king", "king"), 5);
        Assert.Equal((float)(1 / Math.Sqrt(2)), v.Similarity("king", "queen"), 5);
        Assert.Equal("queen", v.Nearest("king", 1)[0].Word);
        Assert.Equal("queen", v.Analogy("man", "king", "woman")[0].Word);
        Assert.Equal("rome", v.Analogy("france", "paris", "italy")[0].Word);
        Assert.Throws<KeyNotFoundException>(() => v.Nearest("emperor"));
    }

    [Fact]
    public void Analogy_evaluation_counts_sections_answers_and_skips_case_insensitively()
    {
        const string Questions =
            ": royalty\nman king woman queen\nMAN KING WOMAN QUEEN\nman king emperor empress\n" +
            ": capitals\nfrance paris italy rome\nitaly rome france paris\nfrance paris italy king\n";
        var report = AnalogyEvaluation.Evaluate(Crafted(), Questions, "crafted");
        Assert.Equal(2, report.Sections.Count);
        Assert.Equal(new AnalogySection("royalty", 2, 2, 1), report.Sections[0]);
        Assert.Equal("capitals", report.Sections[1].Name);
        Assert.Equal(3, report.Sections[1].Answered);
        Assert.Equal(2, report.Sections[1].Correct);
        Assert.Equal(4, report.Correct);
        Assert.Equal(5, report.Answered);
        Assert.Equal(1, report.Skipped);
        Assert.Equal(0.8, report.Accuracy, 10);
        // Restricting to the 4 most frequent rows leaves every capital question unanswerable.
        var restricted = AnalogyEvaluation.Evaluate(Crafted(), Questions, "crafted", restrictVocabulary: 4);
        Assert.Equal(3, restricted.Sections[1].Skipped);
        Assert.Contains("line 2", Assert.Throws<InvalidDataException>(() => AnalogyEvaluation.Evaluate(Crafted(), ": s\na b c\n", "q")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Questions_words_file_evaluates_when_shared_data_is_present()
    {
        const string Path = "../../../../../../shared/data/questions-words.txt";
        string path = System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);
        if (!File.Exists(path))
        {
            return; // ../shared/data is not on this machine
        }

        var report = AnalogyEvaluation.Evaluate(Crafted(), path);
        Assert.Equal(14, report.Sections.Count);
        Assert.Equal(19544, report.Answered + report.Skipped);
    }

    [Fact]
    public void Cli_trains_saves_and_answers_neighbours_and_analogies()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        var random = new Random(1);
        string[] fruit = ["apple", "pear", "plum", "cherry"];
        string[] metal = ["iron", "copper", "zinc", "tin"];
        for (int s = 0; s < 300; s++)
        {
            var topic = s % 2 == 0 ? fruit : metal;
            lines.Add(string.Join(' ', Enumerable.Range(0, 8).Select(_ => topic[random.Next(4)].ToUpperInvariant() + ",")));
        }

        File.WriteAllLines(dir.File("corpus.txt"), lines);
        var train = CliRunner.Run("word2vec", "train", "--text", dir.File("corpus.txt"), "--dim", "12", "--window", "3", "--min-count", "1",
            "--sample", "0", "--save", dir.File("v.txt"), "--json");
        Assert.True(train.ExitCode == 0, train.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(train.Out))
        {
            Assert.Equal(8, json.RootElement.GetProperty("vocabulary").GetInt32());
            Assert.True(json.RootElement.GetProperty("words_per_second").GetDouble() > 0);
            Assert.True(json.RootElement.GetProperty("seconds").GetDouble() > 0);
        }

        var near = CliRunner.Run("word2vec", "neighbours", "--vectors", dir.File("v.txt"), "apple", "--top", "3", "--json");
        Assert.True(near.ExitCode == 0, near.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(near.Out))
        {
            foreach (var n in json.RootElement.GetProperty("neighbours").EnumerateArray())
            {
                Assert.Contains(n.GetProperty("word").GetString(), fruit);
            }
        }

        File.WriteAllText(dir.File("q.txt"), ": s\napple pear iron copper\napple pear iron gold\n");
        var analogy = CliRunner.Run("word2vec", "analogy", "--vectors", dir.File("v.txt"), "--questions", dir.File("q.txt"), "--json");
        Assert.True(analogy.ExitCode == 0, analogy.Error);
        using (var json = System.Text.Json.JsonDocument.Parse(analogy.Out))
        {
            Assert.Equal(1, json.RootElement.GetProperty("answered").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("skipped").GetInt32());
            Assert.True(json.RootElement.GetProperty("sections").TryGetProperty("s", out _));
        }

        var words = CliRunner.Run("word2vec", "analogy", "--vectors", dir.File("v.txt"), "pear", "apple", "iron");
        Assert.True(words.ExitCode == 0, words.Error);
        var unknown = CliRunner.Run("word2vec", "neighbours", "--vectors", dir.File("v.txt"), "gold");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'gold' is not in the 8-word vocabulary", unknown.Error, StringComparison.Ordinal);
        var corpus = CliRunner.Run("word2vec", "corpus", "--text", dir.File("corpus.txt"), "--out", dir.File("tokens.txt"));
        Assert.True(corpus.ExitCode == 0, corpus.Error);
        Assert.Matches("^(apple|pear|plum|cherry)( (apple|pear|plum|cherry)){7}$", File.ReadAllLines(dir.File("tokens.txt"))[0]);
        var missing = CliRunner.Run("word2vec", "train", "--text", "no-such-corpus");
        Assert.Equal(2, missing.ExitCode);
    }
}
