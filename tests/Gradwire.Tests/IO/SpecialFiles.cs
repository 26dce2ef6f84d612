using System.Diagnostics;

namespace Gradwire.Tests.IO;

/// <summary>Makes device nodes and FIFOs in a test directory (root on Linux only; tests skip elsewhere).</summary>
internal static class SpecialFiles
{
    public static bool CanMakeDevices => OperatingSystem.IsLinux() && Environment.UserName == "root" && Run("mknod", "--version") == 0;

    public static bool CanMakeFifos => !OperatingSystem.IsWindows() && Run("mkfifo", "--version") == 0;

    /// <summary>A character device node like /dev/null (1,3) or /dev/full (1,7) at <paramref name="path"/>.</summary>
    public static void CharacterDevice(string path, int major, int minor) =>
        Assert.Equal(0, Run("mknod", path, "c", major.ToString(), minor.ToString()));

    public static void Fifo(string path) => Assert.Equal(0, Run("mkfifo", path));

    public static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
