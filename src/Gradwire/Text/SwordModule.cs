using System.Globalization;
using System.Text.RegularExpressions;

namespace Gradwire.Text;

/// <summary>
/// A SWORD zText Bible module (as Debian's <c>sword-text-*</c> packages install them), read without libsword:
/// every verse as plain text, by index and by book/chapter/verse.
/// </summary>
/// <remarks>
/// Each testament is an entry list: an empty entry, the testament heading, then per book an intro entry and per
/// chapter a heading entry (holding <c>&lt;chapter sID="Gen.1"/&gt;</c>) followed by the verses. The reader walks the
/// chapter markers rather than a canon table. Verses the module leaves empty are kept (with empty text) so two
/// modules of the same versification align by <see cref="Verse.Index"/> (KJV and Reina-Valera 1909: 31,102
/// verses each). Books a module lacks altogether have no chapter markers, so their empty entries count as extra
/// verses of the chapter before them; align modules of different versifications (WEB's NRSVA) by reference.
/// </remarks>
public sealed partial class SwordModule
{
    /// <summary>Where Debian installs SWORD modules.</summary>
    public const string DefaultRoot = "/usr/share/sword";

    private readonly Verse[] _verses;
    private readonly Dictionary<VerseReference, int> _byReference;

    private SwordModule(string name, string directory, Verse[] verses)
    {
        Name = name;
        Directory = directory;
        _verses = verses;
        _byReference = new Dictionary<VerseReference, int>(verses.Length);
        foreach (var verse in verses)
        {
            _byReference.TryAdd(verse.Reference, verse.Index);
        }
    }

    /// <summary>The module's id (e.g. <c>engKJV2006eb</c>) or directory name.</summary>
    public string Name { get; }

    /// <summary>The directory holding the <c>ot.*</c> and <c>nt.*</c> files.</summary>
    public string Directory { get; }

    /// <summary>The verses, Old Testament first.</summary>
    public IReadOnlyList<Verse> Verses => _verses;

    /// <summary>The number of verses.</summary>
    public int Count => _verses.Length;

    /// <summary>Verse <paramref name="index"/>.</summary>
    public Verse this[int index] => _verses[index];

    /// <summary>The King James Version (<c>apt-get install sword-text-kjv</c>).</summary>
    public static SwordModule Kjv(string? dataDir = null) => OpenInstalled("engKJV2006eb", "sword-text-kjv", dataDir);

    /// <summary>The Reina-Valera 1909 Spanish Bible (<c>apt-get install sword-text-sparv</c>), KJV versification.</summary>
    public static SwordModule ReinaValera1909(string? dataDir = null) => OpenInstalled("spaRV1909eb", "sword-text-sparv", dataDir);

    /// <summary>The World English Bible (<c>apt-get install sword-text-web</c>), NRSVA versification.</summary>
    public static SwordModule WorldEnglishBible(string? dataDir = null) => OpenInstalled("engWEB2015eb", "sword-text-web", dataDir);

    /// <summary>Whether an installed module's files are present (see <see cref="OpenInstalled"/> for <paramref name="dataDir"/>).</summary>
    public static bool IsAvailable(string moduleId, string? dataDir = null) => FindDirectory(moduleId, dataDir) is not null;

    /// <summary>
    /// Opens module <paramref name="moduleId"/> under <paramref name="dataDir"/>: a SWORD root (holding
    /// <c>modules/texts/ztext/ID</c>), the <c>ztext</c> directory, or the module's own directory;
    /// null for <see cref="DefaultRoot"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The module is not there; the message names the apt package.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt; the message names it.</exception>
    public static SwordModule OpenInstalled(string moduleId, string package, string? dataDir = null)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        string? directory = FindDirectory(moduleId, dataDir);
        if (directory is null)
        {
            string where = dataDir ?? DefaultRoot;
            throw new DirectoryNotFoundException(
                $"SWORD module {moduleId} is not in {where} (looked for modules/texts/ztext/{moduleId.ToLowerInvariant()}/ot.bzs or nt.bzs). " +
                $"Install it with `apt-get install {package}`, or pass --data-dir DIR naming a SWORD root or the module's directory.");
        }

        return Open(directory, moduleId);
    }

    /// <summary>Opens the zText module whose <c>ot.bz*</c>/<c>nt.bz*</c> files are in <paramref name="directory"/> (either testament may be absent).</summary>
    /// <exception cref="DirectoryNotFoundException">Neither testament is there.</exception>
    /// <exception cref="InvalidDataException">A file is truncated or corrupt, or an offset points past its end; the message names the file.</exception>
    public static SwordModule Open(string directory, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var verses = new List<Verse>();
        bool any = false;
        foreach (string prefix in (string[])["ot", "nt"])
        {
            if (!File.Exists(Path.Combine(directory, prefix + ".bzs")) && !File.Exists(Path.Combine(directory, prefix + ".bzv")))
            {
                continue;
            }

            any = true;
            ReadTestament(ZTextTestament.Read(directory, prefix), Path.Combine(directory, prefix + ".bzv"), verses);
        }

        if (!any)
        {
            throw new DirectoryNotFoundException($"'{directory}' holds no SWORD zText testament (ot.bzs/ot.bzz/ot.bzv or nt.*).");
        }

        return new SwordModule(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), directory, verses.ToArray());
    }

    /// <summary>The verse at <paramref name="book"/> <paramref name="chapter"/>:<paramref name="verse"/>, if the module has it.</summary>
    public bool TryGetVerse(string book, int chapter, int verse, out Verse result)
    {
        if (_byReference.TryGetValue(new VerseReference(book, chapter, verse), out int index))
        {
            result = _verses[index];
            return true;
        }

        result = null!;
        return false;
    }

    /// <summary>The verse at <paramref name="book"/> <paramref name="chapter"/>:<paramref name="verse"/> (OSIS book names: Gen, Exod, … Matt, … Rev).</summary>
    /// <exception cref="KeyNotFoundException">The module has no such verse.</exception>
    public Verse GetVerse(string book, int chapter, int verse) =>
        TryGetVerse(book, chapter, verse, out var result)
            ? result
            : throw new KeyNotFoundException($"SWORD module {Name} has no verse {book}.{chapter}.{verse}.");

    /// <summary>Every non-empty verse's text, one verse per line.</summary>
    public string ToPlainText()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var verse in _verses)
        {
            if (verse.Text.Length > 0)
            {
                sb.Append(verse.Text).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string? FindDirectory(string moduleId, string? dataDir)
    {
        string root = dataDir ?? DefaultRoot;
        string[] candidates =
        [
            Path.Combine(root, "modules", "texts", "ztext", moduleId.ToLowerInvariant()),
            Path.Combine(root, "modules", "texts", "ztext", moduleId),
            Path.Combine(root, moduleId.ToLowerInvariant()),
            Path.Combine(root, moduleId),
            root,
        ];
        foreach (string candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "ot.bzs")) || File.Exists(Path.Combine(candidate, "nt.bzs")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void ReadTestament(ZTextTestament testament, string path, List<Verse> verses)
    {
        // Chapter markers: (entry, book, chapter).
        var markers = new List<(int Entry, string Book, int Chapter)>();
        for (int i = 0; i < testament.Count; i++)
        {
            string markup = testament.Markup(i);
            if (markup.Length == 0 || !markup.Contains("<chapter", StringComparison.Ordinal))
            {
                continue;
            }

            var match = ChapterRegex().Match(markup);
            if (!match.Success)
            {
                continue;
            }

            string id = match.Groups[1].Value;
            int dot = id.LastIndexOf('.');
            if (dot <= 0 || !int.TryParse(id.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int chapter) || chapter < 1)
            {
                throw new InvalidDataException($"SWORD verse index '{path}', entry {i}: chapter marker '{id}' is not BOOK.N.");
            }

            markers.Add((i, id[..dot], chapter));
        }

        for (int m = 0; m < markers.Count; m++)
        {
            var (entry, book, chapter) = markers[m];
            int end = testament.Count;
            if (m + 1 < markers.Count)
            {
                end = markers[m + 1].Entry;
                if (markers[m + 1].Chapter == 1 || markers[m + 1].Book != book)
                {
                    end--; // the next book's intro entry
                }
            }

            for (int e = entry + 1, v = 1; e < end; e++, v++)
            {
                verses.Add(new Verse(verses.Count, new VerseReference(book, chapter, v), OsisText.ToPlainText(testament.Markup(e))));
            }
        }
    }

    [GeneratedRegex("<chapter\\b[^>]*?\\bsID=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ChapterRegex();
}
