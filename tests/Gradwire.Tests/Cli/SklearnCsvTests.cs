using System.Text.Json.Nodes;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Cli;

/// <summary>A fact that runs only where Debian's python3-sklearn (its bundled CSV files) is installed.</summary>
public sealed class SklearnDataFactAttribute : FactAttribute
{
    public const string Directory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    public SklearnDataFactAttribute()
    {
        if (!File.Exists(Path.Combine(Directory, "wine_data.csv")))
            Skip = $"scikit-learn's CSV files are not in {Directory} (apt-get install python3-sklearn).";
    }
}

/// <summary>The CSV files scikit-learn ships, read with the options a user would give, reach the accuracy a user expects.</summary>
public sealed class SklearnCsvTests
{
    private static string Data(string name) => "csv:" + Path.Combine(SklearnDataFactAttribute.Directory, name);

    private static JsonObject Train(params string[] args)
    {
        var result = CliRunner.Run(["train", .. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonNode.Parse(result.Out)!.AsObject();
    }

    private static double Accuracy(JsonObject o) => o["test_accuracy"]!.GetValue<double>();

    [SklearnDataFact]
    public void Wine_reaches_95_percent_with_standardization()
    {
        // First line: "178,13,class_0,class_1,class_2" (counts and names), then rows without a header.
        var o = Train("--data", Data("wine_data.csv"), "--skip-rows", "1", "--no-header", "--epochs", "50");
        Assert.True(Accuracy(o) >= 0.95, $"wine test accuracy {Accuracy(o)}");
    }

    [SklearnDataFact]
    public void Iris_reads_its_count_line_as_a_header_and_reaches_90_percent()
    {
        var o = Train("--data", Data("iris.csv"), "--epochs", "100");
        Assert.True(Accuracy(o) >= 0.9, $"iris test accuracy {Accuracy(o)}");
        Assert.Equal(3, o["classes"]!.AsArray().Count);
    }

    [SklearnDataFact]
    public void Breast_cancer_reaches_93_percent()
    {
        var o = Train("--data", Data("breast_cancer.csv"), "--skip-rows", "1", "--no-header", "--epochs", "30");
        Assert.True(Accuracy(o) >= 0.93, $"breast cancer test accuracy {Accuracy(o)}");
    }

    [SklearnDataFact]
    public void Digits_gzipped_without_a_header_reach_93_percent()
    {
        var o = Train("--data", Data("digits.csv.gz"), "--no-header", "--epochs", "20");
        Assert.True(Accuracy(o) >= 0.93, $"digits test accuracy {Accuracy(o)}");
        Assert.Equal(10, o["classes"]!.AsArray().Count);
    }

    [SklearnDataFact]
    public void Boston_prices_are_inferred_as_regression_by_their_named_target()
    {
        var result = CliRunner.Run("train", "--data", Data("boston_house_prices.csv"), "--skip-rows", "1", "--target", "MEDV", "--epochs", "60");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("training a regression", result.Error);
        var o = Train("--data", Data("boston_house_prices.csv"), "--skip-rows", "1", "--target", "MEDV", "--epochs", "60");
        Assert.Equal("mse", o["loss"]!.GetValue<string>());
        // Mean squared error in $1000²: predicting the mean gives about 84; a small MLP on standardized inputs does far better.
        Assert.True(o["test_loss"]!.GetValue<double>() < 30, $"boston test MSE {o["test_loss"]}");
    }

    [SklearnDataFact]
    public void Diabetes_whitespace_features_train_a_regression_on_a_chosen_column()
    {
        // diabetes_data_raw: ten space-separated columns; predict the last (a serum measurement) from the others.
        var o = Train("--data", Data("diabetes_data_raw.csv.gz"), "--no-header", "--separator", "space", "--task", "regression", "--epochs", "20");
        Assert.Equal("mse", o["loss"]!.GetValue<string>());
        Assert.True(double.IsFinite(o["test_loss"]!.GetValue<double>()));
    }

    [SklearnDataFact]
    public void A_saved_wine_model_predicts_the_file_it_was_trained_on()
    {
        using var dir = new TempDirectory();
        var model = dir.File("wine.safetensors");
        Train("--data", Data("wine_data.csv"), "--skip-rows", "1", "--no-header", "--epochs", "50", "--save", model);
        var result = CliRunner.Run("predict", "--model", model, "--data", Data("wine_data.csv"), "--skip-rows", "1", "--no-header", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(178, lines.Length);
        var truth = File.ReadLines(Data("wine_data.csv")[4..]).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        var right = lines.Where((l, i) => JsonNode.Parse(l)!["prediction"]!.GetValue<string>() == truth[i]).Count();
        Assert.True(right >= 170, $"{right} of 178");
    }
}
