using System.Diagnostics;
using System.Globalization;

namespace Gradwire.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the same directory, is flushed to disk, and
/// only then renamed over the destination. Readers see the old file or the new one, never a half-written one;
/// if writing throws, the temporary file is deleted and the old file is left untouched.
/// </summary>
/// <remarks>
/// <para>The temporary file is <c>.NAME.PID.RANDOM.tmp</c> beside the destination (same directory ⇒ same file
/// system ⇒ the rename is atomic on POSIX and NTFS). A writer killed mid-write (kill -9, power loss) leaves it
/// behind; the next write of the same destination deletes such leftovers whose writer process is gone (and
/// leftovers of the older <c>.NAME.RANDOM.tmp</c> form, and any older than a day).</para>
/// <para>Only regular files are replaced. A symbolic link is resolved first: its final target is written and the
/// link stays. A directory, a device (<c>/dev/null</c>, <c>/dev/full</c>), a FIFO or a socket at the destination
/// is refused with a <see cref="GradwireException"/> naming it (renaming over it would replace the node with a
/// file). An existing file keeps its Unix permission bits (a 0600 checkpoint stays 0600; the owner is the writer's).</para>
/// <para>Use it for checkpoints, DOT files, plots, CSV: anything a crash must not leave truncated.</para>
/// </remarks>
public static class AtomicFile
{
    /// <summary>Leftover temporary files older than this are removed even if their writer's id is in use again.</summary>
    internal static readonly TimeSpan StaleAge = TimeSpan.FromDays(1);

    /// <summary>Pid-less leftovers (written before the pid was in the name) are removed once this old.</summary>
    internal static readonly TimeSpan LegacyStaleAge = TimeSpan.FromHours(1);

    /// <summary>Writes <paramref name="path"/> atomically with the bytes <paramref name="write"/> puts in the stream.</summary>
    /// <param name="path">Destination file (or a symbolic link to one); its directory must exist.</param>
    /// <param name="write">Writes the whole content to the given stream (do not dispose it).</param>
    /// <exception cref="DirectoryNotFoundException">The destination directory does not exist.</exception>
    /// <exception cref="GradwireException">The destination exists and is not a regular file (a directory, a device, a FIFO).</exception>
    /// <exception cref="IOException">Writing failed (disk full, I/O error); the old file is untouched.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Resolve(path);
        string directory = Path.GetDirectoryName(target)
            ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot write '{path}': directory '{directory}' does not exist.");
        FileKind kind = FileKinds.Of(target);
        if (kind == FileKind.Directory)
            throw new GradwireException($"Cannot write '{path}': it is a directory; name a file inside it instead.");
        if (kind is not (FileKind.Missing or FileKind.Regular))
            throw new GradwireException(
                $"Cannot write '{path}'{(target == Path.GetFullPath(path) ? "" : $" (a link to '{target}')")}: it is " +
                $"{FileKinds.Describe(kind)}, not a regular file. Files are written atomically (a new file renamed over " +
                "the old one), which would replace the node; give the path of a regular file.");

        UnixFileMode? mode = kind == FileKind.Regular && !OperatingSystem.IsWindows() ? File.GetUnixFileMode(target) : null;
        string name = Path.GetFileName(target);
        RemoveStaleTemporaries(directory, name);
        string temporary = Path.Combine(
            directory, string.Create(CultureInfo.InvariantCulture, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 1 << 16,
            };
            if (mode is { } existing && !OperatingSystem.IsWindows())
                options.UnixCreateMode = existing; // never more open than the file it replaces, even while writing
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            if (mode is { } bits && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temporary, bits); // exactly the old bits, whatever the umask took away
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>The full path to write: <paramref name="path"/>'s final target when it is a symbolic link.</summary>
    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        // A dangling link resolves to where it points: writing creates the target and keeps the link.
        FileSystemInfo? final = info.ResolveLinkTarget(returnFinalTarget: true);
        return final is null ? full : Path.GetFullPath(final.FullName);
    }

    /// <summary>
    /// Deletes <c>.NAME.PID.RANDOM.tmp</c> files in <paramref name="directory"/> whose writer process no longer
    /// runs (or that are older than <see cref="StaleAge"/>), and pid-less <c>.NAME.RANDOM.tmp</c> ones older than
    /// <see cref="LegacyStaleAge"/>. A live writer's file (this process's included) is left alone.
    /// </summary>
    internal static void RemoveStaleTemporaries(string directory, string name)
    {
        string prefix = "." + name + ".";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, "." + name + ".*.tmp");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        DateTime now = DateTime.UtcNow;
        foreach (string candidate in candidates)
        {
            string file = Path.GetFileName(candidate);
            if (!file.StartsWith(prefix, StringComparison.Ordinal) || !file.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            string middle = file[prefix.Length..^".tmp".Length]; // "PID.RANDOM" or "RANDOM"
            int dot = middle.IndexOf('.');
            bool stale;
            try
            {
                TimeSpan age = now - File.GetLastWriteTimeUtc(candidate);
                if (dot < 0)
                {
                    if (!IsRandomPart(middle)) continue;
                    stale = age > LegacyStaleAge;
                }
                else
                {
                    if (!int.TryParse(middle.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                        || !IsRandomPart(middle[(dot + 1)..]))
                        continue;
                    stale = age > StaleAge || (pid != Environment.ProcessId && !IsRunning(pid));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (stale) TryDelete(candidate);
        }
    }

    private static bool IsRandomPart(string text)
    {
        if (text.Length != 32) return false;
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigitLower(c)) return false;
        }

        return true;
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux()) return Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a leftover temp file we cannot remove.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
