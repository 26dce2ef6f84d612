using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics.Tensors;
using Gradwire.IO;

namespace Gradwire.Data;

/// <summary>
/// One open IDX file, header read and checked, payload not yet read. Callers read the headers of an image file and
/// its label file first, so counts that disagree fail before gigabytes are allocated; the payload is then read in
/// chunks, never more than the header announces (plus one byte to detect trailing data).
/// </summary>
/// <remarks>
/// Raw files: the header's claim is checked against the file length before anything is allocated. Gzip files: the
/// output grows with the data actually decompressed (a small file claiming millions of images cannot allocate for
/// them), and the gzip trailer (CRC-32 and length, the last 8 bytes) must match the content: .NET's GZipStream
/// accepts a stream whose trailer is cut off, which would hide a truncated download.
/// </remarks>
internal sealed class IdxReader : IDisposable
{
    private const byte UnsignedByteType = 0x08;
    private const int ChunkSize = 1 << 16;

    /// <summary>Marks an exception whose message already names the file, so it is not wrapped as a gzip error.</summary>
    internal const string NamedFile = "Gradwire.IdxFile";

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly bool _compressed;
    private readonly string _what;
    private readonly uint _trailerCrc;
    private readonly uint _trailerLength;
    private uint _crc;
    private long _decompressed;

    private IdxReader(string path, string what, FileStream file, bool compressed, uint trailerCrc, uint trailerLength)
    {
        Path = path;
        _what = what;
        _file = file;
        _compressed = compressed;
        _trailerCrc = trailerCrc;
        _trailerLength = trailerLength;
        _stream = compressed ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        Dimensions = [];
    }

    /// <summary>The file, as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The dimension sizes from the header.</summary>
    public int[] Dimensions { get; private set; }

    /// <summary>The number of payload bytes the header announces (the product of <see cref="Dimensions"/>).</summary>
    public long Total { get; private set; }

    /// <summary>Opens <paramref name="path"/> and reads its header: unsigned bytes, <paramref name="expectedDimensions"/> dimensions.</summary>
    /// <exception cref="InvalidDataException">The header is invalid or announces more (or less) than the file holds.</exception>
    public static IdxReader Open(string path, int expectedDimensions, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        InputFile.CheckReadable(path, "IDX file");
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize);
        IdxReader? reader = null;
        try
        {
            Span<byte> gzipMagic = stackalloc byte[2];
            int peeked = file.ReadAtLeast(gzipMagic, 2, throwOnEndOfStream: false);
            bool compressed = peeked == 2 && gzipMagic[0] == 0x1f && gzipMagic[1] == 0x8b;
            uint trailerCrc = 0, trailerLength = 0;
            if (compressed)
            {
                if (file.Length < 18)
                    throw Problem($"'{path}' is not a valid gzip file: {file.Length} bytes, shorter than a gzip header and trailer (18 bytes).");
                Span<byte> trailer = stackalloc byte[8];
                file.Position = file.Length - 8;
                file.ReadExactly(trailer);
                trailerCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
                trailerLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
            }

            file.Position = 0;
            reader = new IdxReader(path, what, file, compressed, trailerCrc, trailerLength);
            reader.Wrapped(() => reader.ReadHeader(expectedDimensions));
            return reader;
        }
        catch
        {
            if (reader is not null) reader.Dispose();
            else file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the payload as bytes.</summary>
    public byte[] ReadBytes() => Wrapped(() => ReadPayload<byte>(static (chunk, into) => chunk.CopyTo(into)));

    /// <summary>Reads the payload as floats <c>x / 255</c> in [0, 1], converted chunk by chunk.</summary>
    public float[] ReadScaledFloats() => Wrapped(() => ReadPayload<float>(static (chunk, into) =>
    {
        TensorPrimitives.ConvertChecked<byte, float>(chunk, into);
        // Divide (not multiply by 1/255) so the values equal torchvision's ToTensor() bit for bit.
        TensorPrimitives.Divide(into, 255f, into);
    }));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_compressed) _stream.Dispose();
        _file.Dispose();
    }

    /// <summary>An IDX problem, already phrased with the file name: marked so it is not wrapped as a gzip error.</summary>
    internal static InvalidDataException Problem(string message)
    {
        var exception = new InvalidDataException(message);
        exception.Data[NamedFile] = true;
        return exception;
    }

    private T Wrapped<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e) when (!e.Data.Contains(NamedFile))
        {
            // GZipStream's own errors do not say which file.
            throw new InvalidDataException($"'{Path}' is not a valid gzip file: {e.Message}", e);
        }
    }

    private void Wrapped(Action read) => Wrapped(() =>
    {
        read();
        return 0;
    });

    private string Kind => _compressed ? "a gzip-compressed IDX" : "an IDX";

    private void ReadHeader(int expectedDimensions)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = ReadAtLeast(magic);
        if (got < 4)
            throw Problem($"'{Path}' is truncated: {got} bytes, too short for the 4-byte IDX magic number.");
        uint magicNumber = BinaryPrimitives.ReadUInt32BigEndian(magic);
        if (magic[0] != 0 || magic[1] != 0)
            throw Problem(
                $"'{Path}' is not {Kind} file: bad magic number 0x{magicNumber:X8} (an IDX file starts with 00 00, " +
                $"then the type and the dimension count; {_what} files start with 0x0000080{expectedDimensions}).");
        if (magic[2] != UnsignedByteType)
            throw Problem(
                $"'{Path}': magic number 0x{magicNumber:X8} has element type 0x{magic[2]:X2}; {_what} files must hold unsigned bytes (0x08).");
        if (magic[3] != expectedDimensions)
            throw Problem(
                $"'{Path}': magic number 0x{magicNumber:X8} announces {magic[3]} dimensions; {_what} files have {expectedDimensions}.");

        Span<byte> sizeBytes = stackalloc byte[4 * expectedDimensions];
        got = ReadAtLeast(sizeBytes);
        if (got < sizeBytes.Length)
            throw Problem(
                $"'{Path}' is truncated inside its header: {expectedDimensions} dimension sizes need {sizeBytes.Length} bytes, found {got}.");
        var dimensions = new int[expectedDimensions];
        long total = 1;
        for (int d = 0; d < expectedDimensions; d++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizeBytes[(4 * d)..]);
            if (size > int.MaxValue)
                throw Problem($"'{Path}': dimension {d} has an implausible size {size}.");
            dimensions[d] = (int)size;
            total *= size;
            if (total > Array.MaxLength)
                throw Problem(
                    $"'{Path}': the header announces {string.Join(" × ", dimensions[..(d + 1)])} elements, more than one array can hold.");
        }

        Dimensions = dimensions;
        Total = total;
        if (!_compressed)
        {
            // The file length bounds the payload: check the claim before allocating for it.
            long payload = _file.Length - _file.Position;
            if (payload < total) throw Truncated(payload);
            if (payload > total) throw Trailing();
        }
    }

    private T[] ReadPayload<T>(Action<ReadOnlySpan<byte>, Span<T>> convert)
    {
        // Raw files were checked against their length: allocate the claim. A gzip file's claim is only believed up to
        // 8× its compressed size (MNIST compresses 5:1), and only when the trailer's length agrees; past that the output
        // grows with the data actually decompressed, so a small file claiming gigabytes fails before allocating them.
        long initial = Total;
        if (_compressed)
        {
            bool plausible = _trailerLength == (uint)(_decompressed + Total);
            initial = Math.Min(Total, plausible ? Math.Max(ChunkSize, 8 * _file.Length) : ChunkSize);
        }

        var output = new T[initial];
        var chunk = new byte[(int)Math.Min(ChunkSize, Math.Max(Total, 1))];
        long filled = 0;
        while (filled < Total)
        {
            int want = (int)Math.Min(chunk.Length, Total - filled);
            int got = Read(chunk.AsSpan(0, want));
            if (got == 0) throw Truncated(filled);
            if (filled + got > output.Length)
                Array.Resize(ref output, (int)Math.Min(Total, Math.Max(2L * output.Length, filled + got)));
            convert(chunk.AsSpan(0, got), output.AsSpan((int)filled, got));
            filled += got;
        }

        if (_compressed)
        {
            Span<byte> one = stackalloc byte[1];
            if (Read(one) > 0) throw Trailing();
            if (_trailerLength != (uint)_decompressed || _trailerCrc != _crc)
                throw Problem(
                    $"'{Path}': the gzip trailer (CRC-32 0x{_trailerCrc:X8}, length {_trailerLength}) does not match the " +
                    $"{_decompressed} decompressed bytes (CRC-32 0x{_crc:X8}): the file is truncated or damaged " +
                    "(or holds several gzip members, which IDX files do not; re-compress it with gzip).");
        }

        return output;
    }

    private InvalidDataException Truncated(long got) => Problem(
        $"'{Path}' is truncated: its header announces {string.Join(" × ", Dimensions)} = {Total} bytes of {_what} data, " +
        $"but only {got} follow the header.");

    private InvalidDataException Trailing() => Problem(
        $"'{Path}' has trailing bytes after the {Total} bytes of {_what} data its header ({string.Join(" × ", Dimensions)}) announces.");

    private int ReadAtLeast(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int got = Read(buffer[total..]);
            if (got == 0) break;
            total += got;
        }

        return total;
    }

    private int Read(Span<byte> buffer)
    {
        int got = _stream.Read(buffer);
        if (_compressed && got > 0)
        {
            _crc = Crc32.Append(_crc, buffer[..got]);
            _decompressed += got;
        }

        return got;
    }
}
