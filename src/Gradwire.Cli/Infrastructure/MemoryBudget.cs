using System.Globalization;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Refuses sizes that cannot be allocated before allocating them: an array longer than .NET allows, or buffers
/// that together need more memory than the process can have. Without it a too-large <c>--n</c> aborts the process
/// ("Out of memory.", exit 134) instead of saying which option to make smaller.
/// </summary>
internal static class MemoryBudget
{
    /// <summary>The share of the available memory a command may plan to use.</summary>
    private const double UsableShare = 0.8;

    /// <summary>Memory the process may use: the GC's view (container limit or physical memory).</summary>
    public static long AvailableBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Throws a <see cref="UsageException"/> naming <paramref name="option"/> when <paramref name="buffers"/> arrays of
    /// <paramref name="elements"/> elements of <paramref name="elementSize"/> bytes cannot be allocated.
    /// </summary>
    /// <param name="what">The command, e.g. "bench matmul".</param>
    /// <param name="option">The option and its value as the user gave it, e.g. "--n 46341".</param>
    /// <param name="elements">Elements in the largest single array (computed in 64 bits by the caller).</param>
    /// <param name="elementSize">Bytes per element.</param>
    /// <param name="buffers">How many such arrays live at once.</param>
    /// <param name="singleArray">Whether the elements must fit one .NET array (<see cref="Array.MaxLength"/>).</param>
    public static void Check(string what, string option, long elements, int elementSize, int buffers, bool singleArray = true)
    {
        if (singleArray && elements > Array.MaxLength)
        {
            throw new UsageException(
                $"{what}: {option} needs {Count(elements)} elements in one array; a .NET array holds at most " +
                $"{Count(Array.MaxLength)}. Choose a smaller size.");
        }

        double bytes = (double)elements * elementSize * buffers;
        double usable = AvailableBytes * UsableShare;
        if (bytes > usable)
        {
            throw new UsageException(
                $"{what}: {option} needs about {Gigabytes(bytes)} of memory, more than this process can use " +
                $"({Gigabytes(AvailableBytes)} available). Choose a smaller size.");
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Gigabytes(double bytes) =>
        (bytes / (1L << 30)).ToString(bytes < 10L << 30 ? "F2" : "F0", CultureInfo.InvariantCulture) + " GiB";
}
