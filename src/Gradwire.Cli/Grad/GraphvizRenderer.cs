using System.Diagnostics;
using Gradwire.IO;

namespace Gradwire.Cli.Grad;

/// <summary>Writes DOT text to a file, or renders it to any format of Graphviz's <c>dot</c>; files are written atomically.</summary>
internal static class GraphvizRenderer
{
    /// <summary>Where to look for <c>dot</c>; tests replace it to simulate a machine without Graphviz.</summary>
    internal static Func<string?> FindDot { get; set; } = FindDotOnPath;

    /// <summary>The formats assumed when <c>dot</c> is not installed to ask (those of Graphviz 2.42+ most people use).</summary>
    internal static readonly string[] CommonFormats =
        ["svg", "png", "pdf", "jpg", "jpeg", "gif", "bmp", "ps", "eps", "tif", "tiff", "webp", "json", "plain", "xdot"];

    /// <summary>
    /// The <c>dot -T</c> format <paramref name="file"/> asks for (its extension, lower case), or null for DOT text
    /// (<c>.dot</c>, <c>.gv</c> or no extension).
    /// </summary>
    public static string? FormatOf(string file)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        return extension is "" or "." or ".dot" or ".gv" ? null : extension[1..];
    }

    /// <summary>
    /// The formats <c>dot -T</c> knows, as <c>dot -T?</c> lists them ("Use one of: bmp canon … xlib"), or
    /// <see cref="CommonFormats"/> when <c>dot</c> is missing or lists nothing.
    /// </summary>
    public static IReadOnlyList<string> KnownFormats()
    {
        var executable = FindDot();
        if (executable is null)
        {
            return CommonFormats;
        }

        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-T?");
            using var process = Process.Start(start);
            if (process is null)
            {
                return CommonFormats;
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                return CommonFormats;
            }

            var formats = ParseFormatList(errors + "\n" + output.Result);
            return formats.Count > 0 ? formats : CommonFormats;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return CommonFormats;
        }
    }

    /// <summary>The names after "Use one of:" in <c>dot -T?</c>'s message, without renderer suffixes (<c>png:cairo</c> → <c>png</c>).</summary>
    internal static List<string> ParseFormatList(string message)
    {
        var formats = new List<string>();
        var marker = message.IndexOf("Use one of:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return formats;
        }

        var line = message[(marker + "Use one of:".Length)..].Split('\n')[0];
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = word.Split(':')[0];
            if (name.Length > 0 && !formats.Contains(name))
            {
                formats.Add(name);
            }
        }

        return formats;
    }

    /// <summary>
    /// Writes <paramref name="dot"/> to <paramref name="file"/> (rendered when <paramref name="format"/> is set)
    /// through <see cref="AtomicFile"/>, so a reader never sees half a file and a failed render keeps the old one.
    /// </summary>
    /// <remarks>
    /// The image is taken from <c>dot</c>'s standard output and checked (non-empty, the format's magic bytes) before
    /// it is written: Graphviz exits 0 even when its own write failed, so its exit code alone proves nothing.
    /// </remarks>
    public static void Write(string file, string dot, string? format)
    {
        var full = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new Infrastructure.UsageException($"grad: --dot {file}: the folder {folder} does not exist");
        }

        if (format is null)
        {
            AtomicFile.WriteAllText(file, dot);
            return;
        }

        var image = Render(dot, format, file);
        CheckImage(image, format, file);
        AtomicFile.WriteAllBytes(file, image);
    }

    /// <summary>Refuses what is not a plausible <paramref name="format"/> image (empty, or without its magic bytes).</summary>
    internal static void CheckImage(ReadOnlySpan<byte> image, string format, string file)
    {
        if (image.IsEmpty)
        {
            throw new IOException($"--dot {file}: 'dot -T{format}' wrote nothing; the old file (if any) is kept");
        }

        bool ok = format switch
        {
            "png" => image.StartsWith(PngSignature),
            "svg" => LooksLikeSvg(image),
            "pdf" => image.StartsWith("%PDF"u8),
            _ => true,
        };
        if (!ok)
        {
            throw new IOException(
                $"--dot {file}: 'dot -T{format}' wrote {image.Length} bytes that are not a {format.ToUpperInvariant()} image; " +
                "the old file (if any) is kept");
        }
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static bool LooksLikeSvg(ReadOnlySpan<byte> image)
    {
        // A UTF-8 byte-order mark and leading white space are allowed; then "<?xml" or "<svg", and a closing tag.
        if (image.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) image = image[3..];
        image = image.TrimStart((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
        bool opens = image.StartsWith("<?xml"u8) || image.StartsWith("<svg"u8) || image.StartsWith("<!DOCTYPE svg"u8);
        return opens && image.IndexOf("</svg>"u8) >= 0;
    }

    private static byte[] Render(string dot, string format, string file)
    {
        var executable = FindDot() ?? throw new IOException($"--dot {file}: Graphviz's 'dot' is not on PATH");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-T" + format);
        using var process = Process.Start(start) ?? throw new IOException($"--dot {file}: could not start {executable}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // 'dot' exited without reading its input: its exit code and stderr below say why.
        }

        if (!process.WaitForExit(60_000) || !copy.Wait(10_000))
        {
            process.Kill(entireProcessTree: true);
            throw new IOException($"--dot {file}: 'dot' did not finish within 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new IOException($"--dot {file}: 'dot -T{format}' failed (exit {process.ExitCode}): {errors.Result.Trim()}");
        }

        return output.ToArray();
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
