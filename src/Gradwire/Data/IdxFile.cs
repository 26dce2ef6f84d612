using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;

namespace Gradwire.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number <c>00 00 TT DD</c> (TT = element
/// type, <c>0x08</c> for unsigned bytes; DD = number of dimensions), DD big-endian 32-bit sizes, then the elements.
/// Files may be raw or gzip-compressed (detected by content, not by name).
/// </summary>
/// <remarks>
/// Everything is checked: the magic number, the element type, the dimension count, that the file holds exactly
/// the elements its header announces (no more, no less), and that labels and images agree in number. Every
/// problem is an <see cref="InvalidDataException"/> naming the file and what is wrong.
/// </remarks>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;
    private const string NamedFile = "Gradwire.IdxFile";

    /// <summary>Reads an IDX3 image file (unsigned bytes, dimensions count × rows × columns), scaled to [0, 1] by <c>x / 255</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX3 unsigned-byte file.</exception>
    public static IdxImages ReadImages(string path)
    {
        var (dimensions, bytes) = ReadUnsignedBytes(path, expectedDimensions: 3, what: "image");
        var pixels = new float[bytes.Length];
        TensorPrimitives.ConvertChecked<byte, float>(bytes, pixels);
        // Divide (not multiply by 1/255) so the values equal torchvision's ToTensor() bit for bit.
        TensorPrimitives.Divide(pixels, 255f, pixels);
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], pixels);
    }

    /// <summary>Reads an IDX1 label file (unsigned bytes, one dimension).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX1 unsigned-byte file.</exception>
    public static byte[] ReadLabels(string path) => ReadUnsignedBytes(path, expectedDimensions: 1, what: "label").Data;

    /// <summary>
    /// Reads an image file and its label file into a classification dataset with sample shape
    /// <c>[rows·columns]</c> (<paramref name="flatten"/>) or <c>[1, rows, columns]</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is invalid, the counts differ, or a label is ≥ <paramref name="classCount"/>.</exception>
    public static Dataset ReadDataset(
        string imagesPath, string labelsPath, string name, int classCount = 10, IReadOnlyList<string>? classNames = null,
        bool flatten = true)
    {
        var images = ReadImages(imagesPath);
        byte[] rawLabels = ReadLabels(labelsPath);
        if (rawLabels.Length != images.Count)
            throw Problem(
                $"'{labelsPath}' holds {rawLabels.Length} labels but '{imagesPath}' holds {images.Count} images; they must match.");
        var labels = new int[rawLabels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (rawLabels[i] >= classCount)
                throw Problem(
                    $"'{labelsPath}': label {rawLabels[i]} at index {i} is outside [0, {classCount}).");
            labels[i] = rawLabels[i];
        }

        int[] shape = flatten ? [images.Rows * images.Columns] : [1, images.Rows, images.Columns];
        return Dataset.Classification(name, images.Pixels, shape, labels, classCount, classNames);
    }

    private static (int[] Dimensions, byte[] Data) ReadUnsignedBytes(string path, int expectedDimensions, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> gzipMagic = stackalloc byte[2];
        int peeked = file.ReadAtLeast(gzipMagic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        bool compressed = peeked == 2 && gzipMagic[0] == 0x1f && gzipMagic[1] == 0x8b;
        using Stream stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return ReadBody(stream, path, expectedDimensions, what, compressed);
        }
        catch (InvalidDataException e) when (!e.Data.Contains(NamedFile))
        {
            // GZipStream's own errors do not say which file.
            throw new InvalidDataException($"'{path}' is not a valid gzip file: {e.Message}", e);
        }
    }

    private static (int[] Dimensions, byte[] Data) ReadBody(
        Stream stream, string path, int expectedDimensions, string what, bool compressed)
    {
        string kind = compressed ? "a gzip-compressed IDX" : "an IDX";
        Span<byte> magic = stackalloc byte[4];
        int got = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw Problem($"'{path}' is truncated: {got} bytes, too short for the 4-byte IDX magic number.");
        uint magicNumber = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (magic[0] != 0 || magic[1] != 0)
            throw Problem(
                $"'{path}' is not {kind} file: bad magic number 0x{magicNumber:X8} (an IDX file starts with 00 00, " +
                $"then the type and the dimension count; {what} files start with 0x0000080{expectedDimensions}).");
        if (magic[2] != UnsignedByteType)
            throw Problem(
                $"'{path}': magic number 0x{magicNumber:X8} has element type 0x{magic[2]:X2}; {what} files must hold unsigned bytes (0x08).");
        if (magic[3] != expectedDimensions)
            throw Problem(
                $"'{path}': magic number 0x{magicNumber:X8} announces {magic[3]} dimensions; {what} files have {expectedDimensions}.");

        var sizeBytes = new byte[4 * expectedDimensions];
        got = stream.ReadAtLeast(sizeBytes, sizeBytes.Length, throwOnEndOfStream: false);
        if (got < sizeBytes.Length)
            throw Problem(
                $"'{path}' is truncated inside its header: {expectedDimensions} dimension sizes need {sizeBytes.Length} bytes, found {got}.");
        var dimensions = new int[expectedDimensions];
        long total = 1;
        for (int d = 0; d < expectedDimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizeBytes.AsSpan(4 * d));
            if (size > int.MaxValue)
                throw Problem($"'{path}': dimension {d} has an implausible size {size}.");
            dimensions[d] = (int)size;
            total *= size;
            if (total > Array.MaxLength)
                throw Problem(
                    $"'{path}': the header announces {string.Join(" × ", dimensions[..(d + 1)])} elements, more than one array can hold.");
        }

        var data = new byte[total];
        got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
            throw Problem(
                $"'{path}' is truncated: its header announces {string.Join(" × ", dimensions)} = {total} bytes of {what} data, " +
                $"but only {got} follow the header.");
        if (stream.ReadByte() >= 0)
            throw Problem(
                $"'{path}' has trailing bytes after the {total} bytes of {what} data its header ({string.Join(" × ", dimensions)}) announces.");
        return (dimensions, data);
    }

    /// <summary>An IDX problem, already phrased with the file name: marked so it is not wrapped as a gzip error.</summary>
    private static InvalidDataException Problem(string message)
    {
        var exception = new InvalidDataException(message);
        exception.Data[NamedFile] = true;
        return exception;
    }
}
