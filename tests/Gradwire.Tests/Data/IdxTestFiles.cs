using System.Buffers.Binary;
using System.IO.Compression;

namespace Gradwire.Tests.Data;

/// <summary>Builds small IDX files (and corrupted variants) for the reader tests.</summary>
internal static class IdxTestFiles
{
    public static byte[] Idx(byte type, ReadOnlySpan<int> dimensions, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + payload.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        payload.CopyTo(bytes.AsSpan(4 + 4 * dimensions.Length));
        return bytes;
    }

    /// <summary>count images of rows × cols whose pixel k of image i is (i·7 + k) mod 256.</summary>
    public static byte[] Images(int count, int rows, int cols)
    {
        var pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++)
            for (int k = 0; k < rows * cols; k++) pixels[i * rows * cols + k] = (byte)((i * 7 + k) % 256);
        return Idx(0x08, [count, rows, cols], pixels);
    }

    public static byte[] Labels(params byte[] labels) => Idx(0x08, [labels.Length], labels);

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return output.ToArray();
    }

    /// <summary>Writes the four MNIST-named files (train: 5 images, test: 3) of 4×3 pixels into dir.</summary>
    public static void WriteMnistStyleDirectory(string dir, bool gzip)
    {
        void Write(string stem, byte[] raw) =>
            File.WriteAllBytes(Path.Combine(dir, stem + (gzip ? ".gz" : "")), gzip ? Gzip(raw) : raw);
        Write("train-images-idx3-ubyte", Images(5, 4, 3));
        Write("train-labels-idx1-ubyte", Labels(0, 1, 2, 9, 4));
        Write("t10k-images-idx3-ubyte", Images(3, 4, 3));
        Write("t10k-labels-idx1-ubyte", Labels(7, 8, 9));
    }
}
