namespace Gradwire.Data.Translation;

/// <summary>
/// The German–English sentence pairs of the FreeDict/Ding dictionary (<c>apt-get install dict-freedict-deu-eng</c>),
/// read from its install path at run time (the dictionary is GPL: it is never copied into this repository).
/// </summary>
/// <remarks>
/// An entry is a pair when (1) its headword line, less the pronunciation <c>/…/</c> and a trailing <c>&lt;…&gt;</c>
/// grammar note, has at least 3 words, starts with an upper-case letter and ends in <c>.</c>, <c>!</c> or <c>?</c>;
/// (2) its first translation line (the first non-empty line after the headword that is not a <c>see:</c>,
/// <c>Synonym(s):</c>, <c>Antonym(s):</c> or <c>Note:</c> annotation), less leading <c>[…]</c> labels, has at least
/// 2 words and ends in <c>.</c>, <c>!</c> or <c>?</c>; (3) neither side ends in a dictionary abbreviation (jdm., etw.,
/// sb., sth., …), which marks a phrase, not a sentence. Entries listed under several headwords count once, in the
/// order of the .dict file. Edition 1.9-fd1 (Debian's 2022.04.13) gives 11,273 pairs.
/// </remarks>
public static class FreedictDeuEng
{
    /// <summary>Where the Debian package installs the dictionary.</summary>
    public const string DefaultDirectory = "/usr/share/dictd";

    /// <summary>The file names, without the directory.</summary>
    public const string IndexFile = "freedict-deu-eng.index";

    /// <summary>The dictzip file name.</summary>
    public const string DictFile = "freedict-deu-eng.dict.dz";

    private static readonly HashSet<string> Abbreviations =
        new(StringComparer.Ordinal) { "jd.", "jdm.", "jdn.", "jds.", "etw.", "usw.", "bzw.", "sb.", "sth.", "etc." };

    private static readonly string[] Annotations = ["see:", "Synonym:", "Synonyms:", "Antonym:", "Antonyms:", "Note:"];

    /// <summary>Whether the dictionary's two files are in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    public static bool IsInstalled(string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        return File.Exists(Path.Combine(dir, IndexFile)) && File.Exists(Path.Combine(dir, DictFile));
    }

    /// <summary>The (German source, English target) pairs of the dictionary in <paramref name="directory"/>, by the rule in the remarks.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (the message names the apt package).</exception>
    /// <exception cref="InvalidDataException">The files are malformed (the message names the file and line).</exception>
    public static IReadOnlyList<SentencePair> Pairs(string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        var index = Path.Combine(dir, IndexFile);
        var dict = Path.Combine(dir, DictFile);
        foreach (var path in (string[])[index, dict])
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"FreedictDeuEng: {path} does not exist. Install the German–English dictionary with `apt-get install dict-freedict-deu-eng` (it puts {IndexFile} and {DictFile} in {DefaultDirectory}/), or pass the directory that holds them.",
                    path);
            }
        }

        return Pairs(DictdFile.Open(index, dict));
    }

    internal static IReadOnlyList<SentencePair> Pairs(DictdFile file)
    {
        // Several headwords (case and punctuation folded) point at one entry: take each offset once, in text order.
        var offsets = new SortedDictionary<long, int>();
        foreach (var (_, offset, length) in file.Entries)
        {
            offsets.TryAdd(offset, length);
        }

        var pairs = new List<SentencePair>();
        foreach (var (offset, length) in offsets)
        {
            if (TryParse(file.Text(offset, length)) is { } pair)
            {
                pairs.Add(pair);
            }
        }

        return pairs;
    }

    /// <summary>The pair an entry's text gives by the rule in the remarks, or null.</summary>
    internal static SentencePair? TryParse(string entry)
    {
        var lines = entry.Split('\n');
        var german = Headword(lines[0]);
        if (!IsSentence(german, 3) || !char.IsUpper(german[0]))
        {
            return null;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || IsAnnotation(line))
            {
                continue;
            }

            var english = StripLabels(line);
            return IsSentence(english, 2) ? new SentencePair(german, english) : null;
        }

        return null;
    }

    private static string Headword(string line)
    {
        var ipa = line.IndexOf(" /", StringComparison.Ordinal);
        var head = (ipa >= 0 ? line[..ipa] : line).Trim();
        if (head.EndsWith('>') && head.LastIndexOf('<') is var open and > 0)
        {
            head = head[..open].Trim();
        }

        return head;
    }

    private static bool IsAnnotation(string line)
    {
        foreach (var a in Annotations)
        {
            if (line.StartsWith(a, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private static string StripLabels(string line)
    {
        while (line.StartsWith('[') && line.IndexOf(']') is var close and > 0)
        {
            line = line[(close + 1)..].TrimStart();
        }

        return line;
    }

    private static bool IsSentence(string text, int minWords)
    {
        if (text.Length == 0 || text[^1] is not ('.' or '!' or '?'))
        {
            return false;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= minWords && !Abbreviations.Contains(words[^1]);
    }
}
