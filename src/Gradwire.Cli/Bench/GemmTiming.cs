using System.Diagnostics;

namespace Gradwire.Cli.Bench;

/// <summary>
/// Times one GEMM shape the way the benchmarks report it: warm-up, then the median of several runs, each run
/// repeating the call enough times to last a few milliseconds (so small sizes are not lost in timer noise).
/// </summary>
internal static class GemmTiming
{
    /// <summary>Median seconds per call of <paramref name="call"/>.</summary>
    public static double MedianSeconds(Action call, int runs = 7, double secondsPerRun = 0.05)
    {
        ArgumentNullException.ThrowIfNull(call);
        // Warm-up: JIT tiers (tier-1 code arrives after ~100 ms of calls, later on a loaded machine), pack
        // buffers, thread-pool threads, caches.
        var warm = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 3 || warm.Elapsed.TotalSeconds < Math.Max(0.5, secondsPerRun))
        {
            call();
            calls++;
        }

        var perRun = Math.Max(1, (int)(calls * secondsPerRun / warm.Elapsed.TotalSeconds));
        var samples = new double[Math.Max(1, runs)];
        for (var r = 0; r < samples.Length; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < perRun; i++)
            {
                call();
            }

            samples[r] = watch.Elapsed.TotalSeconds / perRun;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    /// <summary>GFLOP/s of an m×n×k GEMM (2·m·n·k flops) that took <paramref name="seconds"/>.</summary>
    public static double Gflops(int m, int n, int k, double seconds) => 2.0 * m * n * k / seconds / 1e9;
}
