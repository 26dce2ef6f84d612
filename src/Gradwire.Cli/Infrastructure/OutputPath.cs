namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Checks a file the command will write, before any work starts: its directory exists and accepts new files, and
/// the path is not itself a directory. A run that would fail only when it writes its result (after all epochs)
/// fails at once instead, with a message naming the option.
/// </summary>
internal static class OutputPath
{
    /// <summary>Throws a <see cref="UsageException"/> naming <paramref name="command"/> and <paramref name="option"/> unless <paramref name="path"/> can be written.</summary>
    public static void Check(string command, string option, string path)
    {
        var shown = CliText.Quote(path, 200);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{command}: {option} needs a file name.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{command}: {option} {shown} is not a valid path ({e.Message}).");
        }

        if (Directory.Exists(full))
        {
            throw new UsageException($"{command}: {option} {shown} is a directory; give a file name, e.g. {CliText.Quote(Path.Combine(path, "out" + Path.GetExtension(path)), 200)}.");
        }

        var directory = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(directory))
        {
            throw new UsageException(
                File.Exists(directory)
                    ? $"{command}: {option} {shown}: {CliText.Quote(directory, 200)} is a file, not a directory."
                    : $"{command}: {option} {shown}: the directory {CliText.Quote(directory, 200)} does not exist; create it first.");
        }

        // The only sure test of "may I create a file here" is to create one (permissions, ACLs, read-only mounts, sysfs).
        var probe = Path.Combine(directory, $".gradwire-probe-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{command}: {option} {shown}: cannot create files in {CliText.Quote(directory, 200)} ({e.Message}).");
        }
        finally
        {
            if (File.Exists(probe))
            {
                File.Delete(probe);
            }
        }
    }
}
