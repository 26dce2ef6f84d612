using System.Text;
using System.Text.Json.Nodes;

namespace Gradwire.Tests.Cli;

/// <summary>
/// <c>gradwire train</c> when things go wrong: a diverging run, bad numbers and output paths, a resume that is not
/// the same run, odd CSV files. Each failure is a clear message and the right exit code, found before any work.
/// </summary>
public sealed class TrainFailureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"gradwire-trainfail-{Guid.NewGuid():N}");

    public TrainFailureTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private string Csv(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private static void AssertUsage(CliResult result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, result.Error);
        }

        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Arithmetic operation", result.Error, StringComparison.Ordinal);
    }

    private static void AssertNoTraining(CliResult result) => Assert.DoesNotContain("epoch 1/", result.Error);

    [Fact]
    public void A_diverging_run_stops_at_once_names_where_and_exits_1()
    {
        var result = CliRunner.Run("train", "--data", "7seg-binary", "--optimizer", "sgd", "--lr", "1e6", "--epochs", "200");
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("diverged", result.Error);
        Assert.Contains("learning rate 1E+06", result.Error);
        Assert.Contains("lower learning rate", result.Error);
        Assert.Contains("--clip-norm", result.Error);
        Assert.DoesNotContain("epoch 200/200", result.Error);
        Assert.DoesNotContain("NaN", result.Out);
    }

    [Fact]
    public void A_diverging_run_in_json_says_diverged_and_exits_1()
    {
        var result = CliRunner.Run("train", "--data", "7seg-binary", "--optimizer", "sgd", "--lr", "1e6", "--epochs", "200", "--json");
        Assert.Equal(1, result.ExitCode);
        var json = JsonNode.Parse(result.Out)!.AsObject();
        Assert.True(json["diverged"]!.GetValue<bool>());
        var d = json["divergence"]!.AsObject();
        Assert.Equal(1e6, d["learning_rate"]!.GetValue<double>());
        Assert.True(d["epoch"]!.GetValue<int>() >= 1);
        Assert.True(d["step"]!.GetValue<long>() >= 1);
        Assert.Contains(d["loss"]!.GetValue<string>(), new[] { "NaN", "Infinity", "-Infinity" });
        Assert.Contains("diverged", d["message"]!.GetValue<string>());
        Assert.True(json["epochs"]!.GetValue<int>() < 200);
    }

    [Fact]
    public void A_healthy_run_in_json_says_not_diverged()
    {
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "2", "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.False(JsonNode.Parse(result.Out)!["diverged"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("--l2", "Infinity", "--l2")]
    [InlineData("--l2", "NaN", "--l2")]
    [InlineData("--momentum", "Infinity", "--momentum")]
    [InlineData("--lr", "Infinity", "--lr")]
    [InlineData("--lr", "NaN", "--lr")]
    [InlineData("--lr", "0,01", "--lr")]
    [InlineData("--lr", "1,000", "--lr")]
    [InlineData("--l2", "1,5", "--l2")]
    [InlineData("--validation", "0,2", "--validation")]
    [InlineData("--epochs", "1,000", "--epochs")]
    [InlineData("--batch", "99999999999", "--batch")]
    [InlineData("--clip-norm", "-1", "--clip-norm")]
    public void Bad_numbers_are_refused_naming_the_option(string option, string value, string message)
    {
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "3", option, value);
        AssertUsage(result, message);
        AssertNoTraining(result);
    }

    [Fact]
    public void Numbers_with_a_dot_and_an_exponent_are_read_as_written()
    {
        var json = JsonNode.Parse(CliRunner.Run("train", "--data", "xor", "--epochs", "2", "--lr", "5e-2", "--l2", "1.5e-4", "--json").Out)!;
        Assert.False(json["diverged"]!.GetValue<bool>());
    }

    [Fact]
    public void A_grad_point_with_a_comma_decimal_is_not_misread()
    {
        // "x=0,5" is two items, "x=0" and "5": the second is refused, never read as x = 5 or 0.5 silently.
        var result = CliRunner.Run("grad", "x*x", "--at", "x=0,5");
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Output_paths_are_checked_before_training()
    {
        AssertUsage(CliRunner.Run("train", "--data", "xor", "--epochs", "3", "--plot", File("missing/curves.png")), "--plot", "does not exist");
        AssertUsage(CliRunner.Run("train", "--data", "xor", "--epochs", "3", "--save", File("missing/run.safetensors")), "--save", "does not exist");
        Directory.CreateDirectory(File("adir.png"));
        AssertUsage(CliRunner.Run("train", "--data", "xor", "--epochs", "3", "--plot", File("adir.png")), "--plot", "is a directory");
        Directory.CreateDirectory(File("ckpt"));
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "3", "--save", File("ckpt"));
        AssertUsage(result, "--save", "is a directory");
        AssertNoTraining(result);
        AssertUsage(CliRunner.Run("train", "--data", "xor", "--epochs", "3", "--resume", File("ckpt")), "--resume", "is a directory");
        Assert.Empty(Directory.GetFiles(_dir, ".gradwire-probe-*"));
    }

    private string Saved(params string[] extra)
    {
        var path = File($"run-{Guid.NewGuid():N}.safetensors");
        string[] data = extra.Contains("--data") ? [] : ["--data", "moons"];
        var result = CliRunner.Run(["train", .. data, "--epochs", "2", "--json", "--save", path, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return path;
    }

    [Theory]
    [InlineData("--optimizer", "momentum", "--optimizer", "nesterov", "nesterov")]
    [InlineData("--model", "mlp:16,16", "--model", "mlp:16,16:tanh", "mlp:16,16:tanh")]
    [InlineData("--l2", "0", "--l2", "0.001", "--l2")]
    [InlineData("--lr", "0.01", "--lr", "0.02", "--lr")]
    [InlineData("--data", "moons", "--data", "circles", "circles")]
    [InlineData("--momentum", "0.9", "--momentum", "0.5", "--momentum")]
    public void Resume_refuses_a_run_that_is_not_the_same(string savedOption, string savedValue, string option, string value, string message)
    {
        var checkpoint = Saved(savedOption, savedValue);
        string[] data = option == "--data" ? [] : ["--data", "moons"];
        string[] args = ["train", .. data, "--epochs", "4", "--json", "--resume", checkpoint, option, value];

        var result = CliRunner.Run(args);
        AssertUsage(result, message);
        Assert.Contains(Path.GetFileName(checkpoint), result.Error);
    }

    [Fact]
    public void Resume_with_an_option_left_out_that_the_run_had_is_refused_naming_it()
    {
        var checkpoint = Saved("--lr", "0.02");
        var result = CliRunner.Run("train", "--data", "moons", "--epochs", "4", "--resume", checkpoint);
        AssertUsage(result, "--lr", "0.02");
    }

    [Fact]
    public void Resume_with_the_same_options_continues()
    {
        var checkpoint = Saved("--lr", "0.02", "--optimizer", "momentum");
        var result = CliRunner.Run("train", "--data", "moons", "--epochs", "4", "--json", "--resume", checkpoint, "--lr", "0.02", "--optimizer", "momentum");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(4, JsonNode.Parse(result.Out)!["epochs"]!.GetValue<int>());
    }

    [Fact]
    public void A_huge_model_is_refused_before_allocating()
    {
        var result = CliRunner.Run("train", "--data", "spiral", "--epochs", "1", "--model", "mlp:100000000");
        AssertUsage(result, "--model", "parameters");
    }

    [Fact]
    public void A_one_class_csv_is_refused_instead_of_inventing_a_second_class()
    {
        var path = Csv("one.csv", "x,y,label\n1,2,a\n2,3,a\n3,4,a\n4,5,a\n5,6,a\n6,7,a\n7,8,a\n8,9,a\n9,1,a\n1,9,a\n");
        AssertUsage(CliRunner.Run("train", "--data", $"csv:{path}", "--epochs", "1"), "single class", "'a'");
    }

    [Fact]
    public void An_empty_test_set_is_an_error()
    {
        // MNIST-style files whose test set holds no image: evaluating it would report a NaN accuracy as a result.
        var dir = File("mnist-empty-test");
        Directory.CreateDirectory(dir);
        System.IO.File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte"), Data.IdxTestFiles.Images(5, 4, 3));
        System.IO.File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte"), Data.IdxTestFiles.Labels(0, 1, 2, 9, 4));
        System.IO.File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte"), Data.IdxTestFiles.Images(0, 4, 3));
        System.IO.File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), Data.IdxTestFiles.Labels());
        AssertUsage(CliRunner.Run("train", "--data", "mnist", "--data-dir", dir, "--epochs", "1"), "test set", "empty");
    }

    [Fact]
    public void A_mostly_unique_class_column_is_called_a_likely_regression_target_and_trains_with_task_regression()
    {
        var text = new StringBuilder("x,y,price\n");
        for (var i = 0; i < 400; i++)
        {
            text.Append(i % 17).Append(',').Append(i % 5).Append(',').Append(1000 + i * 3).Append('\n');
        }

        var path = Csv("prices.csv", text.ToString());
        AssertUsage(CliRunner.Run("train", "--data", $"csv:{path}", "--epochs", "1"), "regression", "--task regression", "400 distinct values");
        var result = CliRunner.Run("train", "--data", $"csv:{path}", "--epochs", "1", "--task", "regression", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("mse", JsonNode.Parse(result.Out)!["loss"]!.GetValue<string>());
    }

    [Fact]
    public void Many_classes_skip_the_table_with_a_notice()
    {
        var text = new StringBuilder("x,label\n");
        for (var i = 0; i < 2000; i++)
        {
            text.Append(i % 150).Append(",c").Append(i % 150).Append('\n');
        }

        var result = CliRunner.Run("train", "--data", $"csv:{Csv("many.csv", text.ToString())}", "--epochs", "1", "--model", "linear");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("confusion matrix not shown: 150 classes", result.Out);
    }

    [Fact]
    public void Class_names_with_terminal_escapes_are_printed_escaped()
    {
        var text = new StringBuilder("x,label\n");
        for (var i = 0; i < 40; i++)
        {
            text.Append(i % 2).Append(',').Append(i % 2 == 0 ? "\u001b[31mred" : "blue\u0007").Append('\n');
        }

        var result = CliRunner.Run("train", "--data", $"csv:{Csv("escape.csv", text.ToString())}", "--epochs", "2");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain('\u001b', result.Out + result.Error);
        Assert.DoesNotContain('\u0007', result.Out + result.Error);
        Assert.Contains("\\x1B[31mred", result.Out);
    }

    [Fact]
    public void Huge_option_values_are_not_echoed_back_whole()
    {
        var huge = "mlp:" + new string('x', 1_000_000);
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "1", "--model", huge);
        AssertUsage(result, "--model");
        Assert.InRange(result.Error.Length, 1, 2000);
        var number = CliRunner.Run("train", "--data", "xor", "--epochs", "1", "--lr", new string('9', 100_000) + ",5");
        Assert.Equal(2, number.ExitCode);
        Assert.InRange(number.Error.Length, 1, 2000);
    }

    [Fact]
    public void Too_large_a_validation_fraction_is_an_error_without_parameter_suffixes()
    {
        AssertUsage(CliRunner.Run("train", "--data", "xor", "--epochs", "1", "--validation", "0.9"), "--validation");
    }
}
