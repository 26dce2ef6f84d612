using System.Text.Json.Nodes;

namespace Gradwire.Tests.Cli;

public sealed class LmCommandTests
{
    [Fact]
    public void Train_saves_a_model_that_sample_reads_back_and_bad_options_are_usage_errors()
    {
        var dir = Directory.CreateTempSubdirectory("gradwire-lm-");
        try
        {
            var text = Path.Combine(dir.FullName, "abc.txt");
            File.WriteAllText(text, string.Concat(Enumerable.Repeat("abcabd\n", 200)));
            var model = Path.Combine(dir.FullName, "m.safetensors");
            var train = CliRunner.Run("lm", "train", "--text", text, "--model", "gru:1x16", "--embed", "8", "--seq", "8", "--batch", "4",
                "--steps", "30", "--lr", "0.02", "--save", model, "--json");
            Assert.True(train.ExitCode == 0, train.Error);
            var json = JsonNode.Parse(train.Out.Trim())!.AsObject();
            var val = json["val_nats_per_char"]!.GetValue<double>();
            Assert.True(val < Math.Log(5), $"validation {val} nats/char is not below uniform over 5 symbols");
            Assert.Equal(30, json["steps"]!.GetValue<long>());

            var sample = CliRunner.Run("lm", "sample", "--model", model, "--prime", "ab", "--length", "20", "--top-k", "2", "--seed", "3");
            Assert.True(sample.ExitCode == 0, sample.Error);
            var output = sample.Out.TrimEnd('\n');
            Assert.StartsWith("ab", output, StringComparison.Ordinal);
            Assert.Equal(22, output.Length);
            Assert.All(output, ch => Assert.Contains(ch, "abcd\n"));

            var bad = CliRunner.Run("lm", "train", "--text", text, "--model", "lstm:2", "--steps", "1");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("CELL:LAYERSxHIDDEN", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
