using System.Diagnostics;

namespace Gradwire.Cli.Bench;

/// <summary>Median-of-runs timing for the element-wise benchmarks: warm up, then several timed runs of many calls.</summary>
internal static class KernelTiming
{
    /// <summary>Seconds per call of <paramref name="call"/>: the median over 7 runs, each at least ~20 ms long.</summary>
    public static double MedianSecondsPerCall(Action call)
    {
        // Warm-up: pool buffers, thread pool, and the JIT: a method is recompiled optimized only after ~30
        // calls, so slow calls need enough repetitions, not just enough time.
        var warm = Stopwatch.StartNew();
        var calls = 0;
        while (warm.Elapsed.TotalMilliseconds < 200 || calls < 60)
        {
            call();
            calls++;
        }

        var perRun = Math.Max(1, (int)(calls * 20.0 / warm.Elapsed.TotalMilliseconds));
        var runs = new double[7];
        for (var r = 0; r < runs.Length; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < perRun; i++)
            {
                call();
            }

            runs[r] = sw.Elapsed.TotalSeconds / perRun;
        }

        Array.Sort(runs);
        return runs[runs.Length / 2];
    }

    /// <summary>Runs <paramref name="body"/> with the kernels limited to <paramref name="threads"/> threads.</summary>
    public static T WithThreads<T>(int threads, Func<T> body)
    {
        var previous = Kernels.Parallelism.MaxThreads;
        Kernels.Parallelism.MaxThreads = threads;
        try
        {
            return body();
        }
        finally
        {
            Kernels.Parallelism.MaxThreads = previous;
        }
    }
}
