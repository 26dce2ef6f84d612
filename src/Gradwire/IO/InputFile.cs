namespace Gradwire.IO;

/// <summary>
/// Checks a path before a reader opens it, so the message says what is really wrong: missing, a directory, or a
/// device/FIFO (which a reader must not open: a FIFO would block, a device never ends).
/// </summary>
internal static class InputFile
{
    /// <summary>Throws unless <paramref name="path"/> is a regular file (or a link to one).</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="what">What the file should be, for the message: "IDX file", "CSV file", "safetensors file".</param>
    /// <exception cref="FileNotFoundException">Nothing exists at <paramref name="path"/>.</exception>
    /// <exception cref="GradwireException">It is a directory, a device, a FIFO or a socket.</exception>
    public static void CheckReadable(string path, string what)
    {
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
            full = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        FileKind kind = FileKinds.Of(full);
        switch (kind)
        {
            case FileKind.Regular:
                return;
            case FileKind.Missing:
                throw new FileNotFoundException($"{what} '{path}' does not exist.", path);
            case FileKind.Directory:
                throw new GradwireException($"'{path}' is a directory, not a {what}.");
            default:
                throw new GradwireException($"'{path}' is {FileKinds.Describe(kind)}, not a regular file; a {what} must be a regular file.");
        }
    }
}
