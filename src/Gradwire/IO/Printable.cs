using System.Globalization;
using System.Text;

namespace Gradwire.IO;

/// <summary>
/// Makes text from data or input safe to put in a message: control characters (a terminal escape sequence in a CSV
/// class name) are shown escaped, not sent raw, and long text (a megabyte line) is cut with a note of how much.
/// </summary>
internal static class Printable
{
    /// <summary>The longest piece of data quoted in an error message.</summary>
    public const int QuoteLength = 80;

    /// <summary>
    /// <paramref name="text"/> with control characters written as <c>\e</c>, <c>\xNN</c> or <c>\uNNNN</c>, cut after
    /// <paramref name="maxLength"/> characters ("… (N more characters)").
    /// </summary>
    public static string Quote(string text, int maxLength = QuoteLength) => Escape(text, maxLength, keepNewlines: false);

    /// <summary>A whole message: like <see cref="Quote"/> but line breaks and tabs stay (messages may span lines).</summary>
    public static string Message(string text, int maxLength) => Escape(text, maxLength, keepNewlines: true);

    private static string Escape(string text, int maxLength, bool keepNewlines)
    {
        if (text.Length <= maxLength && !HasControl(text, keepNewlines)) return text;
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 32);
        int shown = Math.Min(text.Length, maxLength);
        // Never split a surrogate pair at the cut.
        if (shown < text.Length && shown > 0 && char.IsHighSurrogate(text[shown - 1])) shown--;
        for (int i = 0; i < shown; i++)
        {
            char c = text[i];
            if (keepNewlines && (c == '\n' || c == '\t')) builder.Append(c);
            else if (c == '\u001b') builder.Append("\\e");
            else if (c == '\r') builder.Append("\\r");
            else if (c == '\n') builder.Append("\\n");
            else if (c == '\t') builder.Append("\\t");
            else if (c < 0x20 || c == 0x7f) builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e'))
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }

        if (shown < text.Length)
            builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length - shown} more characters)");
        return builder.ToString();
    }

    private static bool HasControl(string text, bool keepNewlines)
    {
        foreach (char c in text)
        {
            if (keepNewlines && (c == '\n' || c == '\t')) continue;
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e'))
                return true;
        }

        return false;
    }
}
