using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_are_read_raw_or_gzipped_and_scaled_to_unit_range(bool gzip)
    {
        byte[] raw = IdxTestFiles.Images(3, 4, 5);
        string path = Write("images", gzip ? IdxTestFiles.Gzip(raw) : raw);
        var images = IdxFile.ReadImages(path);
        Assert.Equal((3, 4, 5), (images.Count, images.Rows, images.Columns));
        Assert.Equal(60, images.Pixels.Length);
        Assert.Equal(0f, images.Pixels[0]);
        Assert.Equal((2 * 7 + 19) / 255f, images.Pixels[2 * 20 + 19]);
        Assert.All(images.Pixels, p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Pixel_255_becomes_exactly_one_and_values_divide_by_255()
    {
        string path = Write("px", IdxTestFiles.Idx(0x08, [1, 1, 3], [0, 128, 255]));
        Assert.Equal(new[] { 0f, 128f / 255f, 1f }, IdxFile.ReadImages(path).Pixels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_and_labels_become_a_dataset_flat_or_channel_first(bool flatten)
    {
        string images = Write("i", IdxTestFiles.Gzip(IdxTestFiles.Images(4, 2, 3)));
        string labels = Write("l", IdxTestFiles.Labels(3, 0, 9, 1));
        var ds = IdxFile.ReadDataset(images, labels, "tiny", flatten: flatten);
        Assert.Equal(4, ds.Count);
        Assert.Equal(flatten ? [6] : [1, 2, 3], ds.SampleShape);
        Assert.Equal([3, 0, 9, 1], ds.Labels.ToArray());
        Assert.Equal(10, ds.ClassCount);
    }

    [Fact]
    public void A_bad_magic_number_names_the_file_and_the_number()
    {
        byte[] bytes = IdxTestFiles.Images(2, 2, 2);
        bytes[0] = 0x12;
        string path = Write("bad-magic", bytes);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("bad magic number 0x12000803", e.Message);
    }

    [Fact]
    public void A_label_file_given_as_images_is_refused_for_its_dimension_count()
    {
        string path = Write("labels-not-images", IdxTestFiles.Labels(1, 2, 3));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("1 dimensions", e.Message);
    }

    [Fact]
    public void A_non_byte_element_type_is_refused()
    {
        string path = Write("floats", IdxTestFiles.Idx(0x0D, [1], [0, 0, 0, 0]));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));
        Assert.Contains("element type 0x0D", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_file_says_how_much_is_missing(bool gzip)
    {
        byte[] full = IdxTestFiles.Images(3, 4, 4);
        byte[] cut = full[..(full.Length - 10)];
        string path = Write("truncated", gzip ? IdxTestFiles.Gzip(cut) : cut);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("3 × 4 × 4 = 48 bytes", e.Message);
        Assert.Contains("only 38", e.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_truncated_too()
    {
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(Write("h", [0, 0, 8, 3, 0, 0]))).Message);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(Write("m", [0, 0]))).Message);
    }

    [Fact]
    public void Trailing_bytes_are_an_error()
    {
        byte[] bytes = [.. IdxTestFiles.Labels(1, 2), 42];
        Assert.Contains("trailing bytes", Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(Write("t", bytes))).Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_names_the_file()
    {
        byte[] gz = IdxTestFiles.Gzip(IdxTestFiles.Images(20, 8, 8));
        for (int i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        string path = Write("corrupt.gz", gz);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Label_and_image_counts_must_match()
    {
        string images = Write("i", IdxTestFiles.Images(4, 2, 2));
        string labels = Write("l", IdxTestFiles.Labels(1, 2, 3));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadDataset(images, labels, "x"));
        Assert.Contains("3 labels", e.Message);
        Assert.Contains("4 images", e.Message);
        Assert.Contains(labels, e.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_count_names_its_index()
    {
        string images = Write("i", IdxTestFiles.Images(2, 2, 2));
        string labels = Write("l", IdxTestFiles.Labels(1, 10));
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadDataset(images, labels, "x", classCount: 10));
        Assert.Contains("label 10 at index 1", e.Message);
    }
}
