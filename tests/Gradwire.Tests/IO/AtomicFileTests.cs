using Gradwire.IO;

namespace Gradwire.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_the_content_and_leaves_no_temporary_file()
    {
        string path = _dir.File("out.txt");
        AtomicFile.WriteAllText(path, "héllo");
        Assert.Equal("héllo", File.ReadAllText(path));
        Assert.Equal(["out.txt"], _dir.Entries());
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(["out.txt"], _dir.Entries());
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_intact_and_no_temporary_file()
    {
        string path = _dir.File("model.bin");
        File.WriteAllText(path, "old content");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", e.Message);
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["model.bin"], _dir.Entries());
    }

    [Fact]
    public void A_failing_first_write_creates_nothing()
    {
        string path = _dir.File("new.bin");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, _ => throw new IOException("boom")));
        Assert.Empty(_dir.Entries());
    }

    [Fact]
    public void A_failed_safetensors_write_keeps_the_previous_checkpoint()
    {
        string path = _dir.File("ckpt.safetensors");
        SafetensorsFile.Write(path, [SafetensorsTensor.FromSingles("w", [2], [1f, 2f])]);
        byte[] before = File.ReadAllBytes(path);
        IEnumerable<SafetensorsTensor> Failing()
        {
            yield return SafetensorsTensor.FromSingles("w", [2], [3f, 4f]);
            throw new InvalidOperationException("the model threw while listing its parameters");
        }

        Assert.Throws<InvalidOperationException>(() => SafetensorsFile.Write(path, Failing()));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["ckpt.safetensors"], _dir.Entries());
    }

    [Fact]
    public void A_missing_directory_is_named()
    {
        string path = Path.Combine(_dir.Path, "no-such-dir", "x.bin");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains("no-such-dir", e.Message);
    }

    [Fact]
    public void Writing_over_a_directory_is_refused_without_leftovers()
    {
        Directory.CreateDirectory(_dir.File("sub"));
        var e = Assert.Throws<GradwireException>(() => AtomicFile.WriteAllText(_dir.File("sub"), "x"));
        Assert.Contains("is a directory", e.Message);
        Assert.Equal(["sub"], _dir.Entries());
    }
}
