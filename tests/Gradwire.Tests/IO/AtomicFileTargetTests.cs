using System.Diagnostics;
using Gradwire.IO;

namespace Gradwire.Tests.IO;

/// <summary>Issue 12 §3: atomic writes replace only regular files, follow links, keep permissions, clean leftovers.</summary>
public sealed class AtomicFileTargetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(3)] // like /dev/null
    [InlineData(7)] // like /dev/full
    public void A_device_node_is_refused_and_stays_a_device(int minor)
    {
        if (!SpecialFiles.CanMakeDevices) return; // needs root on Linux to make a device node
        string path = _dir.File("dev");
        SpecialFiles.CharacterDevice(path, 1, minor);

        var e = Assert.Throws<GradwireException>(() => AtomicFile.WriteAllText(path, "x"));

        Assert.Contains("character device", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of(path));
        Assert.Equal(["dev"], _dir.Entries());
    }

    [Fact]
    public void A_fifo_is_refused_and_stays_a_fifo()
    {
        if (!SpecialFiles.CanMakeFifos) return;
        string path = _dir.File("pipe");
        SpecialFiles.Fifo(path);

        var e = Assert.Throws<GradwireException>(() => AtomicFile.WriteAllBytes(path, [1, 2]));

        Assert.Contains("FIFO", e.Message);
        if (OperatingSystem.IsLinux()) Assert.Equal(FileKind.Fifo, FileKinds.Of(path));
        Assert.Equal(["pipe"], _dir.Entries());
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        if (OperatingSystem.IsWindows()) return;
        string target = _dir.File("real.bin");
        string link = _dir.File("link.bin");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, "real.bin");

        AtomicFile.WriteAllText(link, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal("real.bin", new FileInfo(link).LinkTarget);
        Assert.Equal(["link.bin", "real.bin"], _dir.Entries());
    }

    [Fact]
    public void A_link_to_a_device_is_refused()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/null")) return;
        string link = _dir.File("null-link");
        File.CreateSymbolicLink(link, "/dev/null");

        var e = Assert.Throws<GradwireException>(() => AtomicFile.WriteAllText(link, "x"));

        Assert.Contains("/dev/null", e.Message);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void A_dangling_link_creates_its_target()
    {
        if (OperatingSystem.IsWindows()) return;
        string link = _dir.File("ck.st");
        File.CreateSymbolicLink(link, "runs-ck.st");

        AtomicFile.WriteAllText(link, "first");

        Assert.Equal("first", File.ReadAllText(_dir.File("runs-ck.st")));
        Assert.Equal("runs-ck.st", new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void The_existing_files_permission_bits_are_kept()
    {
        if (OperatingSystem.IsWindows()) return;
        string path = _dir.File("secret.st");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        // Also more open than the umask allows: kept exactly.
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        File.SetUnixFileMode(path, open);
        AtomicFile.WriteAllText(path, "newer");
        Assert.Equal(open, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Leftovers_of_dead_writers_are_removed_on_the_next_write_and_live_ones_kept()
    {
        string path = _dir.File("ck.st");
        int dead = DeadProcessId();
        string deadTemp = _dir.File($".ck.st.{dead}.{Guid.NewGuid():N}.tmp");
        string liveTemp = _dir.File($".ck.st.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        string legacyOld = _dir.File($".ck.st.{Guid.NewGuid():N}.tmp");
        string legacyNew = _dir.File($".ck.st.{Guid.NewGuid():N}.tmp");
        string otherFile = _dir.File($".other.st.{dead}.{Guid.NewGuid():N}.tmp");
        string unrelated = _dir.File(".ck.st.notes.tmp");
        foreach (var f in new[] { deadTemp, liveTemp, legacyOld, legacyNew, otherFile, unrelated }) File.WriteAllText(f, "partial");
        File.SetLastWriteTimeUtc(legacyOld, DateTime.UtcNow - TimeSpan.FromHours(2));

        AtomicFile.WriteAllText(path, "content");

        Assert.False(File.Exists(deadTemp));
        Assert.False(File.Exists(legacyOld));
        Assert.True(File.Exists(liveTemp)); // this process may be writing it right now
        Assert.True(File.Exists(legacyNew)); // too young to be sure its writer is gone
        Assert.True(File.Exists(otherFile)); // another destination's leftovers are its own writes' business
        Assert.True(File.Exists(unrelated));
        Assert.Equal("content", File.ReadAllText(path));
    }

    /// <summary>Issue 12 §3/§6: kill -9 during checkpointing leaves the old or the new checkpoint, never a partial one.</summary>
    [Fact]
    public void A_writer_killed_during_save_leaves_a_whole_checkpoint_and_its_leftovers_are_cleaned()
    {
        if (OperatingSystem.IsWindows()) return;
        string tool = Path.Combine(AppContext.BaseDirectory, "Gradwire.Cli.dll"); // the tool, copied beside the tests
        if (!File.Exists(tool)) return;
        string path = _dir.File("ck.st");
        var random = new Random(12);
        for (int run = 0; run < 3; run++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { tool, "train", "--data", "moons", "--model", "mlp:256,256", "--epochs", "100000", "--save", path, "--json" })
                start.ArgumentList.Add(a);
            using var child = Process.Start(start)!;
            child.OutputDataReceived += (_, _) => { };
            child.ErrorDataReceived += (_, _) => { };
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!File.Exists(path) && DateTime.UtcNow < deadline && !child.HasExited) Thread.Sleep(10);
            Thread.Sleep(random.Next(50, 600));
            child.Kill(entireProcessTree: true); // SIGKILL: no finally blocks, no cleanup
            child.WaitForExit();

            Assert.True(File.Exists(path), "the child never wrote its first checkpoint");
            var content = SafetensorsFile.Read(path); // throws if the file is partial
            Assert.NotEmpty(content.Tensors);
        }

        // Whatever temporaries the kills left, the next write of the same file removes them.
        AtomicFile.WriteAllText(path, "next run");
        Assert.Equal(["ck.st"], _dir.Entries());
    }

    private static int DeadProcessId()
    {
        using var p = Process.Start(new ProcessStartInfo(OperatingSystem.IsWindows() ? "cmd" : "true") { ArgumentList = { } })!;
        p.WaitForExit();
        return p.Id;
    }
}
