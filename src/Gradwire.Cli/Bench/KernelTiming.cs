namespace Gradwire.Cli.Bench;

/// <summary>Timing for the element-wise benchmarks: the median-of-runs timer, with the kernels' thread limit set.</summary>
internal static class KernelTiming
{
    /// <summary>
    /// Seconds per call of <paramref name="call"/>: the median over 7 runs of ~20 ms each, after the same warm-up
    /// as the GEMM benchmark (one timing discipline for every <c>gradwire bench</c> kernel).
    /// </summary>
    public static double MedianSecondsPerCall(Action call) =>
        GemmTiming.MedianSeconds(call, runs: 7, secondsPerRun: 0.02);

    /// <summary>Runs <paramref name="body"/> with the kernels limited to <paramref name="threads"/> threads.</summary>
    public static T WithThreads<T>(int threads, Func<T> body)
    {
        using var compute = Kernels.Compute.WithThreads(threads);
        return body();
    }
}
