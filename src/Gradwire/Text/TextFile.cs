using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gradwire.Text;

/// <summary>Reads UTF-8 text files strictly: a byte-order mark is skipped, an invalid byte is an error.</summary>
public static class TextFile
{
    /// <summary>Reads <paramref name="path"/> as UTF-8 (an optional BOM is skipped).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid UTF-8; the message names the file and the byte offset.</exception>
    public static string ReadAllText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"text file '{path}' does not exist.", path);
        }

        return Decode(File.ReadAllBytes(path), path);
    }

    /// <summary>Decodes <paramref name="bytes"/> as UTF-8 (an optional BOM is skipped); <paramref name="source"/> names them in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid UTF-8; the message names the source and the byte offset.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string source)
    {
        int start = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        var body = bytes[start..];
        // One pass that reports where the first invalid sequence starts (Encoding's fallback does not say).
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, body.Length));
        try
        {
            var status = Utf8.ToUtf16(body, buffer, out int read, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new InvalidDataException(
                    $"text file '{source}' is not valid UTF-8: invalid byte 0x{body[read]:X2} at byte offset {start + read}. " +
                    "Convert it to UTF-8 first (e.g. iconv -f latin1 -t utf-8).");
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The strict UTF-8 encoding (no BOM written, invalid bytes throw) the text readers use.</summary>
    internal static UTF8Encoding Strict { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
