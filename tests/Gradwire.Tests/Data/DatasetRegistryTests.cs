using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

public sealed class DatasetRegistryTests
{
    [Theory]
    [InlineData("spiral", 240, 60, 3)]
    [InlineData("moons", 160, 40, 2)]
    [InlineData("circles", 160, 40, 2)]
    [InlineData("xor-cloud", 160, 40, 2)]
    [InlineData("SPIRAL", 240, 60, 3)]
    public void Generated_sets_come_with_a_stratified_seeded_held_out_test_set(string name, int train, int test, int classes)
    {
        var split = DatasetRegistry.Load(name, new DatasetOptions { Seed = 5 });
        Assert.Equal(train, split.Train.Count);
        Assert.Equal(test, split.Test.Count);
        Assert.Equal(classes, split.Train.ClassCount);
        Assert.All(split.Test.ClassCounts(), c => Assert.Equal(test / classes, c));
        Assert.EndsWith("/test", split.Test.Name);
        Assert.True(split.Train.Features.SequenceEqual(DatasetRegistry.Load(name, new DatasetOptions { Seed = 5 }).Train.Features));
        Assert.False(split.Train.Features.SequenceEqual(DatasetRegistry.Load(name, new DatasetOptions { Seed = 6 }).Train.Features));
    }

    [Theory]
    [InlineData("xor", 4)]
    [InlineData("and", 4)]
    [InlineData("7seg", 10)]
    [InlineData("7seg-binary", 10)]
    [InlineData("guide-svm", 6)]
    [InlineData("guide-table", 6)]
    public void Tiny_sets_are_their_own_test_set(string name, int count)
    {
        var split = DatasetRegistry.Load(name);
        Assert.Equal(count, split.Train.Count);
        Assert.Same(split.Train, split.Test);
    }

    [Fact]
    public void Every_listed_name_but_the_file_based_ones_loads()
    {
        foreach (var info in DatasetRegistry.BuiltIn)
        {
            if (info.Name is "fashion-mnist" or "mnist" or "csv:PATH") continue;
            Assert.True(DatasetRegistry.Load(info.Name).Train.Count > 0, info.Name);
        }
    }

    [Fact]
    public void Csv_paths_load_with_the_given_options_and_a_held_out_split()
    {
        using var dir = new TempDirectory();
        string path = dir.File("points.csv");
        File.WriteAllLines(path, ["x,y,kind", .. Enumerable.Range(0, 20).Select(i => $"{i},{i * 0.5},{(i % 2 == 0 ? "even" : "odd")}")]);
        var split = DatasetRegistry.Load("csv:" + path, new DatasetOptions { TestFraction = 0.25 });
        Assert.Equal(15, split.Train.Count);
        Assert.Equal(5, split.Test.Count);
        Assert.Equal(["even", "odd"], split.Train.ClassNames!);
        string numeric = dir.File("numeric.csv");
        File.WriteAllLines(numeric, ["x,y", .. Enumerable.Range(0, 20).Select(i => $"{i},{i * 0.5}")]);
        var regression = DatasetRegistry.Load("csv:" + numeric, new DatasetOptions
        {
            Csv = new CsvOptions { TargetColumn = "y", Target = TargetKind.Regression },
        });
        Assert.Equal(TargetKind.Regression, regression.Train.TargetKind);
        Assert.Throws<FileNotFoundException>(() => DatasetRegistry.Load("csv:" + dir.File("missing.csv")));
    }

    [Fact]
    public void Image_sets_load_from_the_data_directory()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteMnistStyleDirectory(dir.Path, gzip: true);
        var fashion = DatasetRegistry.Load("fashion-mnist", new DatasetOptions { DataDir = dir.Path });
        Assert.Equal((5, 3), (fashion.Train.Count, fashion.Test.Count));
        var mnist = DatasetRegistry.Load("mnist", new DatasetOptions { DataDir = dir.Path, FlattenImages = false });
        Assert.Equal([1, 4, 3], mnist.Test.SampleShape);
    }

    [Fact]
    public void Mnist_without_a_directory_and_unknown_names_explain_themselves()
    {
        Assert.Contains("--data-dir", Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("mnist")).Message);
        var e = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("spirals"));
        Assert.Contains("Unknown dataset 'spirals'", e.Message);
        Assert.Contains("spiral, moons, circles", e.Message);
        Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("csv:"));
    }
}
