using System.Text.Json.Nodes;

namespace Gradwire.Tests.Cli;

/// <summary><c>gradwire train</c> end to end on small data, in-process.</summary>
public sealed class TrainCommandTests
{
    private static JsonObject Json(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsObject();
    }

    [Fact]
    public void Training_on_the_spiral_prints_final_metrics_as_json()
    {
        var json = Json(CliRunner.Run("train", "--data", "spiral", "--epochs", "60", "--json"));
        Assert.InRange(json["train_accuracy"]!.GetValue<double>(), 0.9, 1);
        Assert.InRange(json["test_accuracy"]!.GetValue<double>(), 0.8, 1);
        Assert.Equal(60, json["epoch_seconds"]!.AsArray().Count);
        Assert.Equal(60, json["test_accuracy_per_epoch"]!.AsArray().Count);
        Assert.Equal(3, json["confusion_matrix"]!.AsArray().Count);
        Assert.Equal(3, json["per_class_accuracy"]!.AsArray().Count);
        Assert.True(json["final_loss"]!.GetValue<double>() < 0.5);
        Assert.Equal("cross-entropy", json["loss"]!.GetValue<string>());
    }

    [Fact]
    public void The_same_seed_gives_the_same_result()
    {
        var a = Json(CliRunner.Run("train", "--data", "moons", "--epochs", "5", "--json", "--seed", "4"));
        var b = Json(CliRunner.Run("train", "--data", "moons", "--epochs", "5", "--json", "--seed", "4"));
        Assert.Equal(a["final_loss"]!.GetValue<double>(), b["final_loss"]!.GetValue<double>());
        Assert.Equal(a["test_accuracy"]!.GetValue<double>(), b["test_accuracy"]!.GetValue<double>());
    }

    [Fact]
    public void Text_mode_prints_epochs_on_stderr_and_the_confusion_matrix_on_stdout()
    {
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "200", "--optimizer", "adam", "--lr", "0.05");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("epoch 200/200", result.Error);
        Assert.Contains("test accuracy 100.00 %", result.Out);
        Assert.Contains("confusion matrix", result.Out);
    }

    [Theory]
    [InlineData("hinge", "sgd")]
    [InlineData("multiclass-svm", "nesterov")]
    [InlineData("bce", "rmsprop")]
    [InlineData("squared-hinge", "adagrad")]
    [InlineData("cross-entropy", "adamw")]
    [InlineData("cross-entropy", "adadelta")]
    [InlineData("mse", "adam")]
    [InlineData("huber", "adam")]
    [InlineData("l1", "adam")]
    [InlineData("smooth-l1", "adam")]
    public void Every_loss_and_optimizer_trains_on_a_binary_set(string loss, string optimizer)
    {
        var lr = optimizer == "adadelta" ? "1.0" : "0.05";
        var json = Json(CliRunner.Run("train", "--data", "circles", "--model", "mlp:16", "--loss", loss, "--optimizer", optimizer,
            "--lr", lr, "--epochs", "40", "--json"));
        Assert.InRange(json["train_accuracy"]!.GetValue<double>(), 0.75, 1);
    }

    [Fact]
    public void Search_reports_trials_best_first_and_trains_the_best_setting()
    {
        var json = Json(CliRunner.Run("train", "--data", "moons", "--search", "3", "--epochs", "10", "--json"));
        var trials = json["search"]!.AsArray();
        Assert.Equal(3, trials.Count);
        Assert.True(trials[0]!["mean_accuracy"]!.GetValue<double>() >= trials[2]!["mean_accuracy"]!.GetValue<double>());
        Assert.Equal($"mlp:{trials[0]!["width"]!.GetValue<int>()}", json["model"]!.GetValue<string>());
        Assert.Equal(2, CliRunner.Run("train", "--data", "7seg-binary", "--search", "2").ExitCode);
    }

    [Fact]
    public void Lbfgs_trains_full_batch_by_default()
    {
        var json = Json(CliRunner.Run("train", "--data", "moons", "--optimizer", "lbfgs", "--epochs", "10", "--json"));
        Assert.Equal(10, json["steps"]!.GetValue<long>());
        Assert.True(json["train_accuracy"]!.GetValue<double>() > 0.95);
    }

    [Fact]
    public void Regression_data_trains_with_mse_and_reports_no_accuracy()
    {
        var json = Json(CliRunner.Run("train", "--data", "7seg-binary", "--epochs", "100", "--json"));
        Assert.Null(json["test_accuracy"]);
        Assert.True(json["test_loss"]!.GetValue<double>() < 0.1);
        Assert.Equal("mse", json["loss"]!.GetValue<string>());
    }

    [Fact]
    public void Save_then_resume_continues_to_the_same_result_as_one_run()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"gradwire-train-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var checkpoint = Path.Combine(dir, "run.safetensors");
            var whole = Json(CliRunner.Run("train", "--data", "spiral", "--epochs", "12", "--json"));
            Json(CliRunner.Run("train", "--data", "spiral", "--epochs", "5", "--json", "--save", checkpoint));
            var resumed = Json(CliRunner.Run("train", "--data", "spiral", "--epochs", "12", "--json", "--resume", checkpoint));
            Assert.Equal(whole["final_loss"]!.GetValue<double>(), resumed["final_loss"]!.GetValue<double>());
            Assert.Equal(whole["test_loss"]!.GetValue<double>(), resumed["test_loss"]!.GetValue<double>());
            Assert.Equal(12, resumed["epochs"]!.GetValue<int>());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_resumed_run_reports_one_test_accuracy_per_epoch_null_before_the_checkpoint()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"gradwire-resume-acc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var checkpoint = Path.Combine(dir, "run.safetensors");
            var plot = Path.Combine(dir, "curves.png");
            Json(CliRunner.Run("train", "--data", "moons", "--epochs", "2", "--json", "--save", checkpoint));
            var resumed = Json(CliRunner.Run("train", "--data", "moons", "--epochs", "4", "--json", "--resume", checkpoint, "--plot", plot));
            var perEpoch = resumed["test_accuracy_per_epoch"]!.AsArray();
            Assert.Equal(4, perEpoch.Count);
            Assert.Equal(4, resumed["train_loss_per_epoch"]!.AsArray().Count);
            Assert.Null(perEpoch[0]);
            Assert.Null(perEpoch[1]);
            Assert.InRange(perEpoch[3]!.GetValue<double>(), 0, 1);
            Assert.True(File.Exists(plot));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Plot_writes_a_png_with_curves_and_decision_regions()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-plot-{Guid.NewGuid():N}.png");
        try
        {
            var result = CliRunner.Run("train", "--data", "moons", "--epochs", "5", "--plot", path, "--json");
            Assert.Equal(0, result.ExitCode);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);

            // Two panels side by side: 1280 pixels wide (PNG width, big-endian at byte 16).
            Assert.Equal(1280, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_plot_target_without_write_permission_exits_2_with_a_message()
    {
        // sysfs refuses new files even to root: "access denied" (UnauthorizedAccessException, not an IOException).
        var path = OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel") ? "/sys/kernel/gradwire-test.png" : "/nonexistent-dir/gradwire-test.png";
        var result = CliRunner.Run("train", "--data", "xor", "--epochs", "1", "--plot", path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("gradwire: ", result.Error.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--data", "nonsense", "Unknown dataset 'nonsense'")]
    [InlineData("--model", "cnn:3", "--model 'cnn:3'")]
    [InlineData("--model", "mlp:0", "'0' is not a layer width")]
    [InlineData("--optimizer", "sgdd", "--optimizer 'sgdd' is unknown")]
    [InlineData("--loss", "l3", "Unknown loss 'l3'")]
    [InlineData("--lr", "-1", "--lr must be a positive number")]
    [InlineData("--epochs", "0", "--epochs must be at least 1")]
    [InlineData("--plot", "out.jpg", "ending in .png")]
    [InlineData("--resume", "/nonexistent/x.safetensors", "does not exist")]
    [InlineData("--schedule", "zigzag", "--schedule 'zigzag' is unknown")]
    public void Bad_options_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var result = option == "--epochs" ? CliRunner.Run("train", option, value) : CliRunner.Run("train", "--epochs", "1", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Balanced_class_weights_train_and_are_refused_for_regression()
    {
        var json = Json(CliRunner.Run("train", "--data", "spiral", "--epochs", "20", "--balanced", "--json"));
        Assert.InRange(json["train_accuracy"]!.GetValue<double>(), 0.6, 1);
        var refused = CliRunner.Run("train", "--data", "7seg-binary", "--epochs", "1", "--balanced");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--balanced", refused.Error);
    }

    [Fact]
    public void A_two_class_loss_on_three_classes_is_refused()
    {
        var result = CliRunner.Run("train", "--data", "spiral", "--loss", "hinge", "--epochs", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("two classes", result.Error);
    }

    [Fact]
    public void Missing_fashion_mnist_says_how_to_get_it()
    {
        var result = CliRunner.Run("train", "--data", "fashion-mnist", "--data-dir", "/nonexistent-dir", "--epochs", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("fashion-mnist", result.Error, StringComparison.OrdinalIgnoreCase);
    }
}
