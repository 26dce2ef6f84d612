using Gradwire.IO;

namespace Gradwire.Tests.IO;

// The golden files are the reference library's own serializations: see Golden/README.md.
public sealed class SafetensorsGoldenTests
{
    private static readonly float[] ZeroToFive = [0, 1, 2, 3, 4, 5];

    internal static string GoldenPath(string name)
    {
        // Walk up from the test binary to the source tree (the files are not copied to the output directory).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "IO", "Golden", name);
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.FullName, "tests", "Gradwire.Tests", "IO", "Golden", name);
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException($"Golden file '{name}' not found above {AppContext.BaseDirectory}.");
    }

    [Theory]
    [InlineData("attn.0-f32-1x2x3.safetensors", "attn.0", new[] { 1, 2, 3 })]
    [InlineData("attn0-f32-1x1x2x3.safetensors", "attn0", new[] { 1, 1, 2, 3 })]
    public void Reference_files_read_back_and_our_writer_reproduces_them_byte_for_byte(string file, string name, int[] shape)
    {
        string path = GoldenPath(file);
        var content = SafetensorsFile.Read(path);
        var tensor = Assert.Single(content.Tensors);
        Assert.Equal(name, tensor.Name);
        Assert.Equal(SafetensorsDType.F32, tensor.DType);
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(ZeroToFive, tensor.ToSingles());
        Assert.Empty(content.Metadata);

        byte[] ours = SafetensorsFile.Serialize([SafetensorsTensor.FromSingles(name, shape, ZeroToFive)]);
        Assert.Equal(File.ReadAllBytes(path), ours);
    }

    [Fact]
    public void Reference_empty_files_with_and_without_metadata_match_ours()
    {
        Assert.Empty(SafetensorsFile.Read(GoldenPath("empty.safetensors")).Tensors);
        Assert.Equal(File.ReadAllBytes(GoldenPath("empty.safetensors")), SafetensorsFile.Serialize([]));

        var withMetadata = SafetensorsFile.Read(GoldenPath("empty-with-metadata.safetensors"));
        Assert.Equal("pt", withMetadata.Metadata["framework"]);
        var metadata = new Dictionary<string, string> { ["framework"] = "pt" };
        Assert.Equal(File.ReadAllBytes(GoldenPath("empty-with-metadata.safetensors")), SafetensorsFile.Serialize([], metadata));
    }
}
