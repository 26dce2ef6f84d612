using System.Buffers.Binary;
using System.IO.Compression;

namespace Gradwire.Text;

/// <summary>
/// One testament of a SWORD zText module: the <c>.bzs</c> block index, the <c>.bzz</c> zlib blocks and the
/// <c>.bzv</c> entry index (little-endian; see docs/text.md). Every offset is checked against the file it points into.
/// </summary>
internal sealed class ZTextTestament
{
    private readonly byte[][] _blocks;
    private readonly (uint Block, uint Start, ushort Size)[] _entries;
    private readonly string _bzvPath;

    private ZTextTestament(byte[][] blocks, (uint, uint, ushort)[] entries, string bzvPath)
    {
        _blocks = blocks;
        _entries = entries;
        _bzvPath = bzvPath;
    }

    /// <summary>The number of entries (headings and verses).</summary>
    public int Count => _entries.Length;

    /// <summary>Reads <c>{prefix}.bzs</c>, <c>.bzz</c> and <c>.bzv</c> in <paramref name="directory"/> (prefix <c>ot</c> or <c>nt</c>).</summary>
    /// <exception cref="InvalidDataException">A file is truncated or corrupt; the message names it.</exception>
    public static ZTextTestament Read(string directory, string prefix)
    {
        string bzsPath = Path.Combine(directory, prefix + ".bzs");
        string bzzPath = Path.Combine(directory, prefix + ".bzz");
        string bzvPath = Path.Combine(directory, prefix + ".bzv");
        byte[] bzs = File.ReadAllBytes(bzsPath);
        byte[] bzz = File.ReadAllBytes(bzzPath);
        byte[] bzv = File.ReadAllBytes(bzvPath);
        if (bzs.Length % 12 != 0)
        {
            throw new InvalidDataException($"SWORD block index '{bzsPath}' is truncated: {bzs.Length} bytes is not a multiple of 12 (u32 offset, u32 size, u32 uncompressed size per block).");
        }

        if (bzv.Length % 10 != 0)
        {
            throw new InvalidDataException($"SWORD verse index '{bzvPath}' is truncated: {bzv.Length} bytes is not a multiple of 10 (u32 block, u32 start, u16 size per entry).");
        }

        var blocks = new byte[bzs.Length / 12][];
        for (int b = 0; b < blocks.Length; b++)
        {
            var record = bzs.AsSpan(b * 12, 12);
            uint offset = BinaryPrimitives.ReadUInt32LittleEndian(record);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
            uint uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(record[8..]);
            if ((ulong)offset + size > (ulong)bzz.Length)
            {
                throw new InvalidDataException($"SWORD block {b} in '{bzsPath}' spans bytes [{offset}, {(ulong)offset + size}) but '{bzzPath}' has {bzz.Length} bytes.");
            }

            blocks[b] = Inflate(bzz, (int)offset, (int)size, uncompressed, b, bzzPath);
        }

        var entries = new (uint, uint, ushort)[bzv.Length / 10];
        for (int i = 0; i < entries.Length; i++)
        {
            var record = bzv.AsSpan(i * 10, 10);
            uint block = BinaryPrimitives.ReadUInt32LittleEndian(record);
            uint start = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
            ushort size = BinaryPrimitives.ReadUInt16LittleEndian(record[8..]);
            if (size > 0)
            {
                if (block >= (uint)blocks.Length)
                {
                    throw new InvalidDataException($"SWORD verse index '{bzvPath}', entry {i}: block {block} but '{bzsPath}' lists {blocks.Length} blocks.");
                }

                if ((ulong)start + size > (ulong)blocks[block].Length)
                {
                    throw new InvalidDataException($"SWORD verse index '{bzvPath}', entry {i}: bytes [{start}, {(ulong)start + size}) are past the end of block {block} ({blocks[block].Length} bytes).");
                }
            }

            entries[i] = (block, start, size);
        }

        return new ZTextTestament(blocks, entries, bzvPath);
    }

    /// <summary>The raw markup of entry <paramref name="i"/> (empty for an empty entry).</summary>
    public string Markup(int i)
    {
        var (block, start, size) = _entries[i];
        return size == 0 ? "" : TextFile.Decode(_blocks[block].AsSpan((int)start, size), $"{_bzvPath} entry {i}");
    }

    private static byte[] Inflate(byte[] bzz, int offset, int size, uint expected, int block, string path)
    {
        var output = new byte[expected];
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(bzz, offset, size, writable: false), CompressionMode.Decompress);
            int read = 0;
            while (read < output.Length)
            {
                int n = zlib.Read(output, read, output.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read != output.Length || zlib.Read(new byte[1], 0, 1) != 0)
            {
                throw new InvalidDataException($"SWORD block {block} in '{path}' (bytes [{offset}, {offset + size})) inflates to {(read != output.Length ? read.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than " + expected)} bytes, but its index says {expected}.");
            }
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("SWORD", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"SWORD block {block} in '{path}' (bytes [{offset}, {offset + size})) is not a valid zlib stream: {e.Message}", e);
        }

        return output;
    }
}
