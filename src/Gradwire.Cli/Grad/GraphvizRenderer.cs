using System.Diagnostics;

namespace Gradwire.Cli.Grad;

/// <summary>Writes DOT text to a file, or renders it to SVG/PNG through Graphviz's <c>dot</c>; files are written atomically.</summary>
internal static class GraphvizRenderer
{
    /// <summary>Where to look for <c>dot</c>; tests replace it to simulate a machine without Graphviz.</summary>
    internal static Func<string?> FindDot { get; set; } = FindDotOnPath;

    /// <summary>"svg" or "png" when <paramref name="file"/> asks for a rendered image, null for DOT text.</summary>
    public static string? FormatOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".svg" => "svg",
        ".png" => "png",
        _ => null,
    };

    /// <summary>
    /// Writes <paramref name="dot"/> to <paramref name="file"/> (rendered when <paramref name="format"/> is set)
    /// through a temporary file in the same folder and a rename, so a reader never sees half a file.
    /// </summary>
    public static void Write(string file, string dot, string? format)
    {
        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new Infrastructure.UsageException($"grad: --dot {file}: the folder {folder} does not exist");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (format is null)
            {
                File.WriteAllText(temporary, dot);
            }
            else
            {
                Render(dot, format, temporary, file);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static void Render(string dot, string format, string output, string file)
    {
        var executable = FindDot() ?? throw new IOException($"--dot {file}: Graphviz's 'dot' is not on PATH");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-T" + format);
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output);
        using var process = Process.Start(start) ?? throw new IOException($"--dot {file}: could not start {executable}");
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"--dot {file}: 'dot' did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new IOException($"--dot {file}: 'dot -T{format}' failed (exit {process.ExitCode}): {errors.Result.Trim()}");
        }
    }

    private static string? FindDotOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "dot.exe" } : ["dot"])
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
