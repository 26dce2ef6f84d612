namespace Gradwire.Text;

/// <summary>
/// The named text corpora a user can have offline, and plain files: <c>kjv</c>, <c>sparv</c> (Reina-Valera 1909),
/// <c>web</c>, <c>fortunes</c>, <c>tinyshakespeare</c>, or a path to a UTF-8 file. Several joined by <c>+</c>
/// (<c>kjv+web+fortunes</c>) are read as one text.
/// </summary>
public static class TextCorpus
{
    /// <summary>Where <c>tinyshakespeare</c> is looked for: the shared data directory next to the repository.</summary>
    public const string SharedDataDirectory = "../shared/data";

    /// <summary>The built-in names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["kjv", "sparv", "web", "fortunes", "tinyshakespeare"];

    /// <summary>
    /// The text of <paramref name="nameOrPath"/>: a Bible is one verse per line, fortunes are separated by a blank line.
    /// </summary>
    /// <param name="nameOrPath">A built-in name, a file path, or several of either joined by <c>+</c>.</param>
    /// <param name="dataDir">Overrides where a built-in corpus is looked for (a SWORD root or module directory, the
    /// fortunes directory, or the directory holding tinyshakespeare.txt); null for the defaults.</param>
    /// <exception cref="FileNotFoundException">A path does not exist and is no built-in name.</exception>
    /// <exception cref="DirectoryNotFoundException">A corpus is not installed; the message names the apt package.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or not UTF-8; the message names it.</exception>
    public static string Read(string nameOrPath, string? dataDir = null)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (nameOrPath.Contains('+', StringComparison.Ordinal) && !File.Exists(nameOrPath))
        {
            var sb = new System.Text.StringBuilder();
            foreach (string part in nameOrPath.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                sb.Append(ReadOne(part, dataDir));
                if (sb.Length > 0 && sb[^1] != '\n')
                {
                    sb.Append('\n');
                }
            }

            return sb.ToString();
        }

        return ReadOne(nameOrPath, dataDir);
    }

    private static string ReadOne(string name, string? dataDir)
    {
        switch (name.ToLowerInvariant())
        {
            case "kjv":
                return SwordModule.Kjv(dataDir).ToPlainText();
            case "sparv":
            case "rv1909":
                return SwordModule.ReinaValera1909(dataDir).ToPlainText();
            case "web":
                return SwordModule.WorldEnglishBible(dataDir).ToPlainText();
            case "fortunes":
                return string.Join("\n\n", FortuneFile.ReadAll(dataDir)) + "\n";
            case "tinyshakespeare":
            {
                string path = Path.Combine(dataDir ?? SharedDataDirectory, "tinyshakespeare.txt");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException(
                        $"tinyshakespeare: '{path}' does not exist. It is not installed by a package: pass --data-dir DIR naming the " +
                        "directory with tinyshakespeare.txt (karpathy/char-rnn's input.txt), or the file's path as --text.", path);
                }

                return TextFile.ReadAllText(path);
            }

            default:
                if (!File.Exists(name))
                {
                    throw new FileNotFoundException(
                        $"text '{name}' is neither a file nor a corpus name ({string.Join(", ", Names)}).", name);
                }

                return TextFile.ReadAllText(name);
        }
    }
}
