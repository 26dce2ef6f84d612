using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Gradwire.IO;

/// <summary>What a path names, without following a final symbolic link.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (not followed).</summary>
    SymbolicLink,

    /// <summary>A character device (<c>/dev/null</c>, <c>/dev/full</c>, a terminal).</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,

    /// <summary>A named pipe (FIFO).</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,
}

/// <summary>
/// Tells regular files from devices, FIFOs and sockets. .NET reports all of them as plain files
/// (<see cref="FileAttributes.Normal"/>), so on Linux this asks the kernel with <c>statx(2)</c>, whose struct layout
/// is the same on every architecture; elsewhere (or on a kernel without it) only directories and links are told
/// apart and anything else counts as a regular file.
/// </summary>
internal static class FileKinds
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, uid, gid, then u16 mode
    private const int Enoent = 2;
    private const int Enotdir = 20;

    private static bool _statxMissing;

    /// <summary>The kind of <paramref name="path"/> (a final symbolic link is reported, not followed).</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux() && !_statxMissing && TryStatx(path, out var kind)) return kind;
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        return info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>"a character device", "a FIFO (named pipe)", … for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static bool TryStatx(string path, out FileKind kind)
    {
        kind = FileKind.Missing;
        var buffer = new byte[StatxSize];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _statxMissing = true; // an old C library: fall back for the rest of the process
            return false;
        }

        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Enoent or Enotdir) return true; // Missing
            return false; // EACCES, ENOSYS, …: let the managed fallback (and the later open) report it
        }

        int mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000;
        if (!BitConverter.IsLittleEndian)
            mode = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(ModeOffset)) & 0xF000;
        kind = mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Regular,
        };
        return true;
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(
        int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
