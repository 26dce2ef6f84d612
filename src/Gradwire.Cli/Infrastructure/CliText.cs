using System.Globalization;
using System.Text;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Text from users or data files made safe to print: control characters (terminal escape sequences among them)
/// written as <c>\xNN</c> / <c>\u{NNNN}</c>, and long input cut, so a message never replays an escape sequence or
/// echoes megabytes back.
/// </summary>
internal static class CliText
{
    /// <summary><paramref name="text"/> with every control character escaped (<c>ESC</c> becomes <c>\x1B</c>).</summary>
    public static string Escape(string text)
    {
        var clean = true;
        foreach (var ch in text)
        {
            if (IsUnsafe(ch))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (!IsUnsafe(ch))
            {
                builder.Append(ch);
            }
            else if (ch <= 0xFF)
            {
                builder.Append("\\x").Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> escaped and cut to <paramref name="max"/> characters, in single quotes; a cut one says how long it was.</summary>
    public static string Quote(string text, int max = 80)
    {
        var escaped = Escape(text);
        return escaped.Length <= max
            ? $"'{escaped}'"
            : string.Create(CultureInfo.InvariantCulture, $"'{escaped[..max]}…' ({text.Length} characters)");
    }

    // C0, DEL and C1 controls, and the Unicode bidirectional overrides that reorder what a terminal shows.
    private static bool IsUnsafe(char ch) =>
        char.IsControl(ch) || ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
