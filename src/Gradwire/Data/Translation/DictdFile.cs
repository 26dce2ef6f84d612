using System.IO.Compression;
using System.Text;

namespace Gradwire.Data.Translation;

/// <summary>
/// A dictd dictionary: a <c>.index</c> (one line per headword: headword, tab, base64 offset, tab, base64 length, the
/// numbers in dictd's base64 digits A–Z a–z 0–9 + /, most significant first) over a <c>.dict.dz</c> (dictzip: gzip
/// with a random-access table in the header's extra field, which a plain gzip reader skips). The whole text is
/// decompressed once; an entry is the UTF-8 text at [offset, offset + length).
/// </summary>
internal sealed class DictdFile
{
    private const string Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly byte[] _text;

    private DictdFile(string dictPath, byte[] text, (string Headword, long Offset, int Length)[] entries)
    {
        DictPath = dictPath;
        _text = text;
        Entries = entries;
    }

    /// <summary>The <c>.dict.dz</c> path.</summary>
    public string DictPath { get; }

    /// <summary>The index lines in file order.</summary>
    public IReadOnlyList<(string Headword, long Offset, int Length)> Entries { get; }

    /// <summary>Reads <paramref name="indexPath"/> and decompresses <paramref name="dictPath"/>.</summary>
    /// <exception cref="InvalidDataException">A malformed index line, an entry outside the text, or a corrupt dictzip, naming the file.</exception>
    public static DictdFile Open(string indexPath, string dictPath)
    {
        byte[] text;
        try
        {
            using var file = File.OpenRead(dictPath);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            text = memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{dictPath}: not a readable dictzip (gzip) file: {e.Message}", e);
        }

        var entries = new List<(string, long, int)>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(indexPath, Encoding.UTF8))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new InvalidDataException($"{indexPath}:{lineNumber}: expected 'headword<TAB>offset<TAB>length', got {fields.Length} field(s).");
            }

            var offset = Decode(fields[1], indexPath, lineNumber);
            var length = Decode(fields[2], indexPath, lineNumber);
            if (offset + length > text.Length || length > int.MaxValue)
            {
                throw new InvalidDataException(
                    $"{indexPath}:{lineNumber}: entry '{fields[0]}' at offset {offset}, length {length} runs past the end of {dictPath} ({text.Length} bytes decompressed); the index does not belong to this .dict.dz.");
            }

            entries.Add((fields[0], offset, (int)length));
        }

        return new DictdFile(dictPath, text, entries.ToArray());
    }

    /// <summary>The text of the entry at <paramref name="offset"/> (checked against the text when the index was read).</summary>
    public string Text(long offset, int length) => Encoding.UTF8.GetString(_text, (int)offset, length);

    /// <summary>A dictd base64 number (e.g. <c>B0</c> = 1·64 + 52 = 116).</summary>
    internal static long Decode(string digits, string path, int line)
    {
        if (digits.Length == 0 || digits.Length > 10)
        {
            throw new InvalidDataException($"{path}:{line}: '{digits}' is not a dictd base64 number (1 to 10 digits of A–Z a–z 0–9 + /).");
        }

        long value = 0;
        foreach (var c in digits)
        {
            var d = Digits.IndexOf(c, StringComparison.Ordinal);
            if (d < 0)
            {
                throw new InvalidDataException($"{path}:{line}: '{digits}' is not a dictd base64 number ('{c}' is not one of A–Z a–z 0–9 + /).");
            }

            value = value * 64 + d;
        }

        return value;
    }
}
