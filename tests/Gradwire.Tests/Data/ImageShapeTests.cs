using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

/// <summary>Image sets keep their [C, H, W] sample shape; <see cref="Dataset.Flattened"/> views them flat without a copy.</summary>
public sealed class ImageShapeTests
{
    [Fact]
    public void Image_sets_load_as_channels_height_width_and_flatten_to_the_same_values()
    {
        using var dir = new TempDirectory();
        IdxTestFiles.WriteMnistStyleDirectory(dir.Path, gzip: false);
        var split = DatasetRegistry.Load("mnist", new DatasetOptions { DataDir = dir.Path });
        Assert.Equal([1, 4, 3], split.Train.SampleShape);
        var flat = split.Train.Flattened();
        Assert.Equal([12], flat.SampleShape);
        Assert.Equal(split.Train.Features.ToArray(), flat.Features.ToArray());
        Assert.Equal(split.Train.Labels.ToArray(), flat.Labels.ToArray());
        Assert.Same(flat, flat.Flattened());
        Assert.Equal([2, 2, 3], flat.WithSampleShape([2, 2, 3]).SampleShape);
    }

    [Fact]
    public void A_sample_shape_of_another_size_is_refused()
    {
        var ds = Dataset.Classification("toy", new float[12], [1, 2, 3], [0, 1], 2);
        var e = Assert.Throws<ArgumentException>(() => ds.WithSampleShape([7]));
        Assert.Contains("[1, 2, 3]", e.Message);
    }
}
