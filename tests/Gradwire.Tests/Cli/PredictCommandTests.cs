using System.Text;
using System.Text.Json.Nodes;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Cli;

public sealed class PredictCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Three well-separated string classes over features of very different scales.</summary>
    private string Flowers()
    {
        var text = new StringBuilder("width,height,kind\n");
        string[] kinds = ["rose", "tulip", "daisy"];
        for (var i = 0; i < 90; i++)
        {
            var k = i % 3;
            text.Append(1000 + 300 * k + i % 7).Append(',').Append(0.01 * k + 0.001 * (i % 5)).Append(',').Append(kinds[k]).Append('\n');
        }

        var path = _dir.File("flowers.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private string Train(string csv, string epochs = "30", params string[] extra)
    {
        var model = _dir.File("model.safetensors");
        var result = CliRunner.Run(["train", "--data", $"csv:{csv}", "--epochs", epochs, "--save", model, "--json", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return model;
    }

    [Fact]
    public void Predict_prints_class_names_with_probabilities_one_line_per_sample()
    {
        var model = Train(Flowers());
        var result = CliRunner.Run("predict", "--model", model, "--input", "1000,0.0", "--input", "1600,0.02", "--top", "2");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("rose  (rose 0.", lines[0]);
        Assert.StartsWith("daisy  (daisy 0.", lines[1]);
        Assert.Equal(2, lines[0].Split(',').Length);
    }

    [Fact]
    public void Predict_json_lines_carry_the_prediction_and_probabilities_summing_to_one()
    {
        var csv = Flowers();
        var model = Train(csv);
        // The training file itself: its target column is left out by name.
        var result = CliRunner.Run("predict", "--model", model, "--data", $"csv:{csv}", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(90, lines.Length);
        var right = 0;
        string[] kinds = ["rose", "tulip", "daisy"];
        for (var i = 0; i < lines.Length; i++)
        {
            var o = JsonNode.Parse(lines[i])!.AsObject();
            var probabilities = o["probabilities"]!.AsObject();
            Assert.Equal(3, probabilities.Count);
            Assert.Equal(1.0, probabilities.Sum(p => p.Value!.GetValue<double>()), 4);
            right += o["prediction"]!.GetValue<string>() == kinds[i % 3] ? 1 : 0;
        }

        Assert.True(right >= 85, $"{right} of 90 right");
    }

    [Fact]
    public void Regression_predictions_are_values_without_probabilities()
    {
        var text = new StringBuilder("x,y\n");
        for (var i = 0; i < 100; i++)
        {
            text.Append(i * 0.1).Append(',').Append(2.5 * i * 0.1 + 1.25).Append('\n');
        }

        var csv = _dir.File("line.csv");
        File.WriteAllText(csv, text.ToString());
        var model = Train(csv, "200", "--lr", "0.05", "--model", "linear");
        var result = CliRunner.Run("predict", "--model", model, "--input", "5", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var o = JsonNode.Parse(result.Out)!.AsObject();
        Assert.False(o.ContainsKey("probabilities"));
        Assert.InRange(o["prediction"]!.GetValue<double>(), 13.0, 14.5); // 2.5 · 5 + 1.25 = 13.75
    }

    [Theory]
    [InlineData(new string[0], "--data csv:PATH or with --input")]
    [InlineData(new[] { "--input", "1,2,3" }, "has 3 values; the model takes 2")]
    [InlineData(new[] { "--input", "1,x" }, "'x' is not a finite number")]
    [InlineData(new[] { "--input", "1,2", "--top", "0" }, "--top must be at least 1")]
    public void Bad_predict_input_is_a_usage_error_naming_it(string[] args, string expected)
    {
        var model = Train(Flowers());
        var result = CliRunner.Run(["predict", "--model", model, .. args]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void A_missing_model_file_is_named()
    {
        var result = CliRunner.Run("predict", "--model", _dir.File("nope.safetensors"), "--input", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }
}
