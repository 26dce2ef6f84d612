namespace Gradwire.Kernels;

/// <summary>
/// How many cores the kernels may use. Element-wise ops and reductions split across threads only when a
/// tensor is large (at least <see cref="MinParallelElements"/> elements); tiny tensors never pay the cost.
/// <c>gradwire bench ... --threads T</c> sets <see cref="MaxThreads"/>; the GEMM reads it too.
/// </summary>
public static class Parallelism
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>Below this many elements a kernel runs on the calling thread.</summary>
    public const int MinParallelElements = 1 << 16;

    /// <summary>The most threads one kernel call uses; at least 1; default <see cref="Environment.ProcessorCount"/>.</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value < 1 ? Environment.ProcessorCount : value;
    }

    /// <summary>How many chunks to split <paramref name="elements"/> of work into (1 when small).</summary>
    internal static int ChunksFor(long elements)
    {
        var threads = _maxThreads;
        if (threads <= 1 || elements < MinParallelElements)
        {
            return 1;
        }

        return (int)Math.Min(threads, elements / (MinParallelElements / 2));
    }

    /// <summary>Runs <paramref name="body"/> for chunk 0..chunks-1 on up to <see cref="MaxThreads"/> threads.</summary>
    internal static void For(int chunks, Action<int> body)
    {
        if (chunks <= 1)
        {
            body(0);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = _maxThreads }, body);
    }
}
