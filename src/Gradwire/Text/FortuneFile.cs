using System.Text;

namespace Gradwire.Text;

/// <summary>
/// The fortune(6) files (Debian's <c>fortunes</c> package): plain text, one fortune after another, separated by
/// lines holding only <c>%</c>.
/// </summary>
public static class FortuneFile
{
    /// <summary>Where Debian's <c>fortunes</c> package installs them.</summary>
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    /// <summary>How to get the files, as printed when they are missing.</summary>
    public static string HowToGetIt =>
        $"Install them with `apt-get install fortunes` (which puts them in {DefaultDirectory}/), or pass --data-dir DIR.";

    /// <summary>Whether <paramref name="directory"/> (default <see cref="DefaultDirectory"/>) holds at least one fortune file.</summary>
    public static bool IsAvailable(string? directory = null) =>
        System.IO.Directory.Exists(directory ?? DefaultDirectory) && Files(directory ?? DefaultDirectory).Count > 0;

    /// <summary>The fortune files in <paramref name="directory"/>, sorted: <c>.dat</c> indexes, <c>.u8</c> links and other links skipped.</summary>
    public static List<string> Files(string directory)
    {
        var files = new List<string>();
        foreach (string path in System.IO.Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (name.EndsWith(".dat", StringComparison.Ordinal) || name.EndsWith(".u8", StringComparison.Ordinal)
                || name.StartsWith('.') || new FileInfo(path).LinkTarget is not null)
            {
                continue;
            }

            files.Add(path);
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The fortunes of one file, each trimmed of trailing whitespace; empty ones skipped.</summary>
    /// <exception cref="InvalidDataException">The file is not valid UTF-8 (the message names it and the byte offset).</exception>
    public static List<string> Read(string path)
    {
        string text = TextFile.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var fortunes = new List<string>();
        var current = new StringBuilder();
        foreach (string line in text.Split('\n'))
        {
            if (line == "%")
            {
                Add(current, fortunes);
                continue;
            }

            current.Append(line).Append('\n');
        }

        Add(current, fortunes);
        return fortunes;
    }

    /// <summary>Every fortune of every file in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="DirectoryNotFoundException">There are no fortune files; the message says how to get them.</exception>
    public static List<string> ReadAll(string? directory = null)
    {
        string dir = directory ?? DefaultDirectory;
        if (!IsAvailable(dir))
        {
            throw new DirectoryNotFoundException($"no fortune files in {dir}. {HowToGetIt}");
        }

        var all = new List<string>();
        foreach (string file in Files(dir))
        {
            all.AddRange(Read(file));
        }

        return all;
    }

    private static void Add(StringBuilder current, List<string> fortunes)
    {
        string fortune = current.ToString().TrimEnd();
        if (fortune.Length > 0)
        {
            fortunes.Add(fortune);
        }

        current.Clear();
    }
}
