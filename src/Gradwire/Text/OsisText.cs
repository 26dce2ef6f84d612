using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Gradwire.Text;

/// <summary>Turns a SWORD entry's markup (OSIS, and the ThML/GBF tags some modules use) into plain text.</summary>
internal static partial class OsisText
{
    /// <summary>
    /// Notes become a space (else the words around them run together), titles are dropped, inline tags
    /// (<c>w</c>, <c>transChange</c>, <c>q</c>, …) vanish, every other tag is a space; entities are decoded,
    /// KJV's ¶ marks dropped and whitespace collapsed.
    /// </summary>
    public static string ToPlainText(string markup)
    {
        if (markup.Length == 0)
        {
            return "";
        }

        string s = NoteRegex().Replace(markup, " ");
        s = GbfNoteRegex().Replace(s, " ");
        s = TitleRegex().Replace(s, " ");
        s = TagRegex().Replace(s, static m => InlineTags.Contains(m.Groups[1].Value) ? "" : " ");
        if (s.Contains('&', StringComparison.Ordinal))
        {
            s = WebUtility.HtmlDecode(s);
        }

        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s)
        {
            if (c == '\u00B6')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    // Tags that sit inside a word or phrase: removing them must not add a space ("<w>light</w>," is "light,").
    private static readonly HashSet<string> InlineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "w", "transChange", "q", "seg", "hi", "foreign", "divineName", "name", "rdg", "inscription", "a", "b", "i", "u",
        "em", "strong", "font", "span", "sync", "abbr", "catchWord", "index",
    };

    [GeneratedRegex(@"<note\b[^>]*/>|<note\b[^>]*>.*?</note\s*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex NoteRegex();

    // GBF footnotes: <RF>…<Rf>.
    [GeneratedRegex(@"<RF>.*?<Rf>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex GbfNoteRegex();

    [GeneratedRegex(@"<title\b[^>]*/>|<title\b[^>]*>.*?</title\s*>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleRegex();

    [GeneratedRegex(@"</?([A-Za-z][\w:.-]*)[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
