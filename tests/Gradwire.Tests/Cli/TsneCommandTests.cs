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
    [InlineData("--features", "model:x.safetensors", "only 'raw'")]
    [InlineData("--theta", "-1", "--theta must be ≥ 0")]
    public void Bad_options_exit_2_naming_the_option(string option, string value, string message)
    {
        var result = CliRunner.Run("tsne", "--data", "spiral", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }
}
