using System.Globalization;
using System.Text;

namespace Gradwire.Metrics;

/// <summary>
/// Python 3's <c>str.split()</c>, <c>str.rstrip()</c> and <c>str.lower()</c>, which sacreBLEU uses: scores match
/// sacreBLEU only if whitespace and case are the same characters Python says they are.
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace</c>: .NET's white space plus U+001C–U+001F (Unicode bidi class B/S).</summary>
    public static bool IsSpace(char c) => char.IsWhiteSpace(c) || (c >= '\u001C' && c <= '\u001F');

    /// <summary><c>s.split()</c>: runs of white space separate; no empty pieces.</summary>
    public static List<string> Split(string s)
    {
        var parts = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i]))
            {
                i++;
            }

            int start = i;
            while (i < s.Length && !IsSpace(s[i]))
            {
                i++;
            }

            if (i > start)
            {
                parts.Add(s.Substring(start, i - start));
            }
        }

        return parts;
    }

    /// <summary><c>s.rstrip()</c>.</summary>
    public static string RStrip(string s)
    {
        int end = s.Length;
        while (end > 0 && IsSpace(s[end - 1]))
        {
            end--;
        }

        return end == s.Length ? s : s.Substring(0, end);
    }

    /// <summary><c>''.join(s.split())</c>: every white-space character removed.</summary>
    public static string RemoveSpace(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            if (!IsSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>s.lower()</c>: the invariant simple lower-case mapping plus Python's two full mappings that differ from it:
    /// U+0130 (İ) becomes "i̇" (two code points), and a capital sigma at the end of a word becomes final ς.
    /// </summary>
    public static string Lower(string s)
    {
        var lower = s.ToLowerInvariant();
        if (s.IndexOf('\u0130') < 0 && s.IndexOf('\u03A3') < 0)
        {
            return lower;
        }

        var sb = new StringBuilder(s.Length + 4);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '\u0130')
            {
                sb.Append("i\u0307");
            }
            else if (c == '\u03A3')
            {
                // Unicode's Final_Sigma: a cased letter before (skipping case-ignorables), none after.
                sb.Append(CasedBefore(s, i) && !CasedAfter(s, i) ? '\u03C2' : '\u03C3');
            }
            else
            {
                sb.Append(lower[i]);
            }
        }

        return sb.ToString();
    }

    private static bool CasedBefore(string s, int i)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            if (!IsCaseIgnorable(s[j]))
            {
                return IsCased(s[j]);
            }
        }

        return false;
    }

    private static bool CasedAfter(string s, int i)
    {
        for (int j = i + 1; j < s.Length; j++)
        {
            if (!IsCaseIgnorable(s[j]))
            {
                return IsCased(s[j]);
            }
        }

        return false;
    }

    private static bool IsCased(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
            or UnicodeCategory.TitlecaseLetter;
    }

    private static bool IsCaseIgnorable(char c)
    {
        var category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
            || c is '\'' or '.' or ':' or '\u00B7' or '\u2018' or '\u2019' or '\u2024' or '\u2027';
    }
}
