using Gradwire.Cli.Grad;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Cli;

/// <summary>Issue 12 §3: <c>grad --dot</c> never replaces a device, never leaves a 0-byte image, exits 1 on a failed render.</summary>
[Collection(nameof(GraphvizRenderer))] // tests replace GraphvizRenderer.FindDot
public sealed class GradDotFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Dot_to_a_full_device_is_refused_and_the_device_stays()
    {
        if (!SpecialFiles.CanMakeDevices) return; // needs root on Linux
        string full = _dir.File("full");
        SpecialFiles.CharacterDevice(full, 1, 7); // /dev/full

        var result = CliRunner.Run("grad", "x", "--at", "x=1", "--dot", full);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("character device", result.Error);
        Assert.Equal(Gradwire.IO.FileKind.CharacterDevice, Gradwire.IO.FileKinds.Of(full));
        Assert.DoesNotContain("graph written", result.Out);
    }

    [Fact]
    public void Dot_to_a_directory_names_it()
    {
        var result = CliRunner.Run("grad", "x", "--at", "x=1", "--dot", _dir.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory", result.Error);
    }

    [Theory]
    [InlineData("svg", "")] // Graphviz exits 0 after a failed flush and leaves nothing
    [InlineData("svg", "Warning: no space left")]
    [InlineData("png", "<svg></svg>")]
    public void A_render_that_produced_no_image_exits_1_and_keeps_the_old_file(string format, string fakeOutput)
    {
        if (OperatingSystem.IsWindows()) return;
        string file = _dir.File("g." + format);
        byte[] good = format == "svg" ? "<?xml version=\"1.0\"?>\n<svg></svg>\n"u8.ToArray() : [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1];
        File.WriteAllBytes(file, good);
        string fake = FakeDot(fakeOutput);
        var original = GraphvizRenderer.FindDot;
        GraphvizRenderer.FindDot = () => fake;
        try
        {
            var result = CliRunner.Run("grad", "x*2", "--at", "x=1", "--dot", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains(file, result.Error);
            Assert.DoesNotContain("graph written", result.Out);
            Assert.Equal(good, File.ReadAllBytes(file));
            Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        }
        finally
        {
            GraphvizRenderer.FindDot = original;
        }
    }

    [Fact]
    public void A_rendered_svg_comes_from_dots_output_and_is_written_atomically()
    {
        if (OperatingSystem.IsWindows()) return;
        string file = _dir.File("g.svg");
        string fake = FakeDot("<?xml version=\"1.0\"?><svg>drawn</svg>");
        var original = GraphvizRenderer.FindDot;
        GraphvizRenderer.FindDot = () => fake;
        try
        {
            var result = CliRunner.Run("grad", "x*2", "--at", "x=1", "--dot", file);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("<?xml version=\"1.0\"?><svg>drawn</svg>", File.ReadAllText(file));
            Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
        }
        finally
        {
            GraphvizRenderer.FindDot = original;
        }
    }

    /// <summary>A stand-in for <c>dot</c> that reads its input, prints <paramref name="output"/> and exits 0.</summary>
    private string FakeDot(string output)
    {
        string script = _dir.File("fake-dot-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(script, "#!/bin/sh\ncat > /dev/null\nprintf '%s' '" + output.Replace("'", "'\\''") + "'\nexit 0\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
