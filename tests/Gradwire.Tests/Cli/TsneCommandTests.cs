using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Tests.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Cli;

/// <summary><c>gradwire tsne</c> end to end on small data, in-process.</summary>
public sealed class TsneCommandTests
{
    private static JsonObject Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsObject();
    }

    [Fact]
    public void The_spiral_embeds_and_reports_kl_seconds_and_n_as_json()
    {
        var json = Json(CliRunner.Run("tsne", "--data", "spiral", "--perplexity", "10", "--iterations", "300", "--json", "--trustworthiness"));
        Assert.Equal(300, json["n"]!.GetValue<int>());
        Assert.InRange(json["kl"]!.GetValue<double>(), 0, 3);
        Assert.True(json["seconds"]!.GetValue<double>() > 0);
        Assert.Equal(0, json["pca"]!.GetValue<int>());
        Assert.InRange(json["trustworthiness"]!.GetValue<double>(), 0.9, 1);
    }

    [Fact]
    public void Out_writes_one_x_y_label_row_per_point_and_plot_writes_a_png()
    {
        using var dir = new TempDirectory();
        var csv = Path.Combine(dir.Path, "coords.csv");
        var png = Path.Combine(dir.Path, "tsne.png");
        var result = CliRunner.Run("tsne", "--data", "moons", "--perplexity", "8", "--iterations", "100", "--out", csv, "--plot", png);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("KL divergence", result.Out);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("x,y,label", lines[0]);
        Assert.Equal(201, lines.Length);
        var fields = lines[1].Split(',');
        Assert.Equal(3, fields.Length);
        _ = double.Parse(fields[0], CultureInfo.InvariantCulture);
        Assert.InRange(int.Parse(fields[2], CultureInfo.InvariantCulture), 0, 1);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_layout_on_one_and_two_threads()
    {
        using var dir = new TempDirectory();
        var a = Path.Combine(dir.Path, "a.csv");
        var b = Path.Combine(dir.Path, "b.csv");
        Assert.Equal(0, CliRunner.Run("tsne", "--data", "circles", "--perplexity", "10", "--iterations", "120", "--threads", "1", "--out", a, "--json").ExitCode);
        Assert.Equal(0, CliRunner.Run("tsne", "--data", "circles", "--perplexity", "10", "--iterations", "120", "--threads", "2", "--out", b, "--json").ExitCode);
        Assert.Equal(File.ReadAllText(a), File.ReadAllText(b));
    }

    [FashionMnistFact]
    public void Fashion_mnist_points_embed_with_pca_first()
    {
        var json = Json(CliRunner.Run("tsne", "--data", "fashion-mnist", "--n", "300", "--iterations", "250", "--json"));
        Assert.Equal(300, json["n"]!.GetValue<int>());
        Assert.Equal(784, json["dimensions"]!.GetValue<int>());
        Assert.Equal(50, json["pca"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("--perplexity", "400", "must be below the number of points (300)")]
    [InlineData("--n", "1", "--n must be at least 2")]
    [InlineData("--n", "5000", "more than the 300 points")]
    [InlineData("--method", "fast", "use barnes-hut or exact")]
    [InlineData("--features", "model:x.safetensors", "checkpoint does not exist")]
    [InlineData("--features", "pixels", "use raw (the dataset's own features) or model:FILE")]
    [InlineData("--theta", "-1", "--theta must be ≥ 0")]
    public void Bad_options_exit_2_naming_the_option(string option, string value, string message)
    {
        var result = CliRunner.Run("tsne", "--data", "spiral", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    /// <summary>The share of points whose 5 nearest neighbours in the 2-D layout (an --out file) mostly share their label.</summary>
    private static double NeighbourAgreement(string csv)
    {
        var rows = File.ReadAllLines(csv)[1..].Select(l => l.Split(',')).ToArray();
        var x = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
        var y = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        var label = rows.Select(r => int.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        var agree = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var near = Enumerable.Range(0, rows.Length).Where(j => j != i)
                .OrderBy(j => (x[i] - x[j]) * (x[i] - x[j]) + (y[i] - y[j]) * (y[i] - y[j])).Take(5);
            if (near.Count(j => label[j] == label[i]) >= 3) agree++;
        }

        return (double)agree / rows.Length;
    }

    [Fact]
    public void A_trained_models_penultimate_layer_embeds_with_a_point_per_sample_and_keeps_the_classes_apart()
    {
        using var dir = new TempDirectory();
        var model = Path.Combine(dir.Path, "spiral.safetensors");
        var train = CliRunner.Run("train", "--data", "spiral", "--model", "mlp:32,16", "--optimizer", "adam", "--lr", "0.02", "--epochs", "150", "--save", model, "--json");
        Assert.True(train.ExitCode == 0, train.Error);
        var raw = Path.Combine(dir.Path, "raw.csv");
        var learned = Path.Combine(dir.Path, "model.csv");
        Assert.Equal(0, CliRunner.Run("tsne", "--data", "spiral", "--perplexity", "10", "--iterations", "300", "--out", raw, "--json").ExitCode);
        var json = Json(CliRunner.Run("tsne", "--data", "spiral", "--features", $"model:{model}", "--perplexity", "10", "--iterations", "300", "--out", learned, "--json"));
        Assert.Equal(300, json["n"]!.GetValue<int>());
        Assert.Equal(16, json["dimensions"]!.GetValue<int>());
        Assert.Equal(301, File.ReadAllLines(learned).Length);
        // The network has learned to pull the three interleaved arms apart, so neighbours in its feature space share a class.
        var rawAgreement = NeighbourAgreement(raw);
        var modelAgreement = NeighbourAgreement(learned);
        Assert.True(modelAgreement >= 0.9 && modelAgreement >= rawAgreement - 0.02, $"model {modelAgreement}, raw {rawAgreement}");
    }

    [Fact]
    public void A_model_for_other_inputs_or_without_a_hidden_layer_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var mlp = Path.Combine(dir.Path, "mlp.safetensors");
        var linear = Path.Combine(dir.Path, "linear.safetensors");
        Assert.Equal(0, CliRunner.Run("train", "--data", "spiral", "--model", "mlp:8", "--epochs", "1", "--save", mlp, "--json").ExitCode);
        Assert.Equal(0, CliRunner.Run("train", "--data", "spiral", "--model", "linear", "--epochs", "1", "--save", linear, "--json").ExitCode);
        var shape = CliRunner.Run("tsne", "--data", "7seg", "--features", $"model:{mlp}", "--perplexity", "2");
        Assert.Equal(2, shape.ExitCode);
        Assert.Contains("takes samples of shape [2]", shape.Error);
        Assert.Contains("7seg has samples of shape [7]", shape.Error);
        var hidden = CliRunner.Run("tsne", "--data", "spiral", "--features", $"model:{linear}");
        Assert.Equal(2, hidden.ExitCode);
        Assert.Contains("no hidden layer", hidden.Error);
    }
}
