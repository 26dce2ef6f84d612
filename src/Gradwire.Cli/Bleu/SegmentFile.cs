using System.Text;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Bleu;

/// <summary>A text file of segments, one per line, read as sacreBLEU reads it.</summary>
internal static class SegmentFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"bleu: file {path} does not exist.", path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new UsageException($"bleu: {path} is not valid UTF-8 ({e.Message}).");
        }

        return Split(text);
    }

    /// <summary>Lines split on '\n' only (sacreBLEU opens files with newline="\n"); no empty last line after a final '\n'.</summary>
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..end]);
            start = end + 1;
        }

        return lines;
    }
}
