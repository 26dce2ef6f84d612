using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

/// <summary>Issue 12 §4/§5: IDX headers cannot make the reader allocate what the file does not hold; gzip must be whole.</summary>
public sealed class IdxFileHardeningTests : IDisposable
{
    private const long Budget = 64L << 20; // bytes a reader may allocate for these tiny files

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A gzip image file whose header claims 2.7 million 28×28 images but which holds only <paramref name="held"/>.</summary>
    private static byte[] LyingImages(int held) =>
        IdxTestFiles.Gzip(IdxTestFiles.Idx(0x08, [2_700_000, 28, 28], new byte[held * 28 * 28]));

    [Fact]
    public void Counts_are_compared_from_the_headers_before_any_payload_is_read()
    {
        string images = Write("images.gz", LyingImages(held: 5));
        string labels = Write("labels", IdxTestFiles.Labels(1, 2, 3, 4, 5));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadDataset(images, labels, "x"));

        Assert.Contains("5 labels", e.Message);
        Assert.Contains("2700000 images", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Budget);
    }

    [Fact]
    public void A_small_gzip_file_claiming_millions_of_images_fails_without_allocating_for_them()
    {
        string images = Write("images.gz", LyingImages(held: 100));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(images));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("only 78400", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Budget);
    }

    [Fact]
    public void A_raw_file_claiming_more_than_its_length_fails_before_allocating()
    {
        string images = Write("images", IdxTestFiles.Idx(0x08, [2_700_000, 28, 28], new byte[10 * 28 * 28]));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(images));

        Assert.Contains("truncated", e.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, Budget);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)] // the whole trailer: the deflate data is complete, only the CRC and length are gone
    public void A_gzip_stream_with_a_truncated_trailer_is_an_error(int cut)
    {
        byte[] gz = IdxTestFiles.Gzip(IdxTestFiles.Images(3, 4, 4));
        string path = Write("cut.gz", gz[..^cut]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("trailer", e.Message);
    }

    [Fact]
    public void A_whole_gzip_file_still_reads()
    {
        string path = Write("ok.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(300, 28, 28)));
        Assert.Equal(300 * 28 * 28, IdxFile.ReadImages(path).Pixels.Length);
    }

    [Fact]
    public void A_directory_is_not_reported_as_missing()
    {
        Directory.CreateDirectory(_dir.File("images"));
        var e = Assert.Throws<GradwireException>(() => IdxFile.ReadImages(_dir.File("images")));
        Assert.Contains("is a directory", e.Message);
        Assert.DoesNotContain("does not exist", e.Message);
    }

    [Fact]
    public void A_fifo_is_refused_instead_of_blocking()
    {
        if (!SpecialFiles.CanMakeFifos || !OperatingSystem.IsLinux()) return;
        string path = _dir.File("labels");
        SpecialFiles.Fifo(path);
        var e = Assert.Throws<GradwireException>(() => IdxFile.ReadLabels(path));
        Assert.Contains("FIFO", e.Message);
    }

    [Fact]
    public void An_mnist_directory_entry_that_is_a_folder_is_named_as_such()
    {
        string root = _dir.File("mnist");
        Directory.CreateDirectory(root);
        IdxTestFiles.WriteMnistStyleDirectory(root, gzip: true);
        File.Delete(Path.Combine(root, "train-images-idx3-ubyte.gz"));
        Directory.CreateDirectory(Path.Combine(root, "train-images-idx3-ubyte.gz"));

        var e = Assert.ThrowsAny<Exception>(() => Mnist.Load(root));

        Assert.Contains("is a directory", e.Message);
        Assert.DoesNotContain("does not exist", e.Message);
    }

    [Fact]
    public void An_mnist_data_path_that_is_a_file_is_named_as_such()
    {
        string file = Write("not-a-dir", [1, 2, 3]);
        var e = Assert.ThrowsAny<Exception>(() => Mnist.Load(file));
        Assert.Contains("is a file, not a directory", e.Message);
    }
}
