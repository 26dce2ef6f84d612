namespace Gradwire.Kernels;

/// <summary>
/// How the kernels split work across threads. Element-wise ops and reductions split only when a tensor is large
/// (at least <see cref="MinParallelElements"/> elements); tiny tensors never pay the cost. The thread limit is
/// the ambient <see cref="Compute.Current"/> one (<c>gradwire ... --threads T</c> opens a scope); the GEMM reads it too.
/// </summary>
internal static class Parallelism
{
    /// <summary>Below this many elements a kernel runs on the calling thread.</summary>
    public const int MinParallelElements = 1 << 16;

    /// <summary>The most threads one kernel call uses here: <see cref="ComputeOptions.MaxThreads"/> of <see cref="Compute.Current"/>.</summary>
    public static int MaxThreads => Compute.Current.MaxThreads;

    /// <summary>How many chunks to split <paramref name="elements"/> of work into (1 when small).</summary>
    internal static int ChunksFor(long elements)
    {
        if (elements < MinParallelElements)
        {
            return 1;
        }

        var threads = MaxThreads;
        if (threads <= 1)
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

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads }, body);
    }
}
