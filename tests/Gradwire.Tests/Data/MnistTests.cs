using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

/// <summary>A fact that runs only where Debian's dataset-fashion-mnist package (or the files) are installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!FashionMnist.IsAvailable())
            Skip = $"Fashion-MNIST is not in {FashionMnist.DefaultDirectory} (apt-get install dataset-fashion-mnist).";
    }
}

public sealed class MnistTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mnist_style_directories_load_as_train_and_test_sets(bool gzip)
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteMnistStyleDirectory(dir.Path, gzip);
        Assert.True(FashionMnist.IsAvailable(dir.Path));
        var (train, test) = FashionMnist.Load(dir.Path);
        Assert.Equal(5, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal([1, 4, 3], train.SampleShape); // images keep [C, H, W] by default
        Assert.Equal([12], FashionMnist.Load(dir.Path, flatten: true).Train.SampleShape);
        Assert.Equal("Ankle boot", train.ClassNames![train.GetLabel(3)]);
        Assert.Equal("fashion-mnist/test", test.Name);
        var (mnistTrain, _) = Mnist.Load(dir.Path, flatten: false);
        Assert.Equal([1, 4, 3], mnistTrain.SampleShape);
        Assert.Equal("9", mnistTrain.ClassNames![mnistTrain.GetLabel(3)]);
    }

    [Fact]
    public void A_missing_directory_says_how_to_get_the_data()
    {
        string missing = Path.Combine(Path.GetTempPath(), "gradwire-no-such-dir-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing));
        Assert.Contains(missing, e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("--data-dir", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named_with_the_way_to_get_it()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteMnistStyleDirectory(dir.Path, gzip: true);
        File.Delete(dir.File("t10k-labels-idx1-ubyte.gz"));
        Assert.False(Mnist.IsAvailable(dir.Path));
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path));
        Assert.Contains("t10k-labels-idx1-ubyte", e.Message);
        Assert.Contains("--data-dir", e.Message);
        var f = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains("apt-get install dataset-fashion-mnist", f.Message);
    }

    [Fact]
    public void Fashion_mnist_has_ten_class_names()
    {
        Assert.Equal(10, FashionMnist.ClassNames.Count);
        Assert.Equal("T-shirt/top", FashionMnist.ClassNames[0]);
        Assert.Equal("Ankle boot", FashionMnist.ClassNames[9]);
    }

    [FashionMnistFact]
    public void Installed_fashion_mnist_has_60000_and_10000_images_of_784_pixels()
    {
        var (train, test) = FashionMnist.Load();
        Assert.Equal(60000, train.Count);
        Assert.Equal(10000, test.Count);
        Assert.Equal([1, 28, 28], train.SampleShape);
        Assert.Equal(Enumerable.Repeat(6000, 10), train.ClassCounts());
        Assert.Equal(Enumerable.Repeat(1000, 10), test.ClassCounts());
        float min = float.MaxValue, max = float.MinValue;
        foreach (float p in train.Features) { min = Math.Min(min, p); max = Math.Max(max, p); }
        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }
}
