using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gradwire.Cli.Bench;

/// <summary>
/// Measures the machine's fused multiply-add peak: each thread runs 16 independent chains of
/// <c>acc = acc · x + y</c> on the widest vector the CPU has, all in registers, so nothing but the FMA units'
/// throughput limits it. GEMM figures are reported as a percentage of this number.
/// Benchmark code, not library code: <c>gradwire bench peak</c> uses it, and bench/Gradwire.Bench compiles this
/// same file (linked) for the side-by-side runner.
/// </summary>
internal static class GemmPeakProbe
{
    /// <summary>Single-precision GFLOP/s on <paramref name="threads"/> threads (median of <paramref name="runs"/>).</summary>
    public static double MeasureGflops(int threads, int runs = 5, double secondsPerRun = 0.1)
    {
        threads = Math.Max(1, threads);
        var iterations = 1L << 16;
        // Calibrate so one run lasts about secondsPerRun.
        while (true)
        {
            var watch = Stopwatch.StartNew();
            Run(threads, iterations);
            if (watch.Elapsed.TotalSeconds >= secondsPerRun / 4 || iterations > 1L << 34)
            {
                iterations = (long)(iterations * secondsPerRun / Math.Max(watch.Elapsed.TotalSeconds, 1e-6));
                break;
            }

            iterations *= 4;
        }

        var samples = new double[Math.Max(1, runs)];
        for (var r = 0; r < samples.Length; r++)
        {
            var watch = Stopwatch.StartNew();
            Run(threads, iterations);
            samples[r] = watch.Elapsed.TotalSeconds;
        }

        Array.Sort(samples);
        var flops = (double)iterations * threads * FlopsPerIteration;
        return flops / samples[samples.Length / 2] / 1e9;
    }

    /// <summary>Flops in one iteration: 16 chains × lanes × 2 (multiply and add).</summary>
    private static int FlopsPerIteration =>
        16 * 2 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count
            : Vector256.IsHardwareAccelerated ? Vector256<float>.Count : 1);

    private static void Run(int threads, long iterations)
    {
        if (threads == 1)
        {
            Chains(iterations);
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Chains(iterations));
    }

    private static float Chains(long iterations) =>
        Vector512.IsHardwareAccelerated ? Chains512(iterations)
        : Vector256.IsHardwareAccelerated ? Chains256(iterations)
        : ChainsScalar(iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(long iterations)
    {
        // 16 chains: FMA latency (4 cycles) × 2 FMA pipes needs at least 8 in flight; 16 leaves margin.
        var x = Vector512.Create(0.999999f);
        var y = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector512<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (var i = 0L; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
            a12 = Vector512.FusedMultiplyAdd(a12, x, y); a13 = Vector512.FusedMultiplyAdd(a13, x, y);
            a14 = Vector512.FusedMultiplyAdd(a14, x, y); a15 = Vector512.FusedMultiplyAdd(a15, x, y);
        }

        // Fold every chain into the result so the JIT cannot drop any of them.
        var sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
        return Vector512.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(long iterations)
    {
        var x = Vector256.Create(0.999999f);
        var y = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        Vector256<float> a8 = a0, a9 = a0, a10 = a0, a11 = a0, a12 = a0, a13 = a0, a14 = a0, a15 = a0;
        for (var i = 0L; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
            a12 = Vector256.FusedMultiplyAdd(a12, x, y); a13 = Vector256.FusedMultiplyAdd(a13, x, y);
            a14 = Vector256.FusedMultiplyAdd(a14, x, y); a15 = Vector256.FusedMultiplyAdd(a15, x, y);
        }

        var sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11)) + ((a12 + a13) + (a14 + a15));
        return Vector256.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float ChainsScalar(long iterations)
    {
        float a0 = 1f, a1 = 1f, a2 = 1f, a3 = 1f, a4 = 1f, a5 = 1f, a6 = 1f, a7 = 1f;
        float a8 = 1f, a9 = 1f, a10 = 1f, a11 = 1f, a12 = 1f, a13 = 1f, a14 = 1f, a15 = 1f;
        const float x = 0.999999f, y = 1e-7f;
        for (var i = 0L; i < iterations; i++)
        {
            a0 = MathF.FusedMultiplyAdd(a0, x, y); a1 = MathF.FusedMultiplyAdd(a1, x, y);
            a2 = MathF.FusedMultiplyAdd(a2, x, y); a3 = MathF.FusedMultiplyAdd(a3, x, y);
            a4 = MathF.FusedMultiplyAdd(a4, x, y); a5 = MathF.FusedMultiplyAdd(a5, x, y);
            a6 = MathF.FusedMultiplyAdd(a6, x, y); a7 = MathF.FusedMultiplyAdd(a7, x, y);
            a8 = MathF.FusedMultiplyAdd(a8, x, y); a9 = MathF.FusedMultiplyAdd(a9, x, y);
            a10 = MathF.FusedMultiplyAdd(a10, x, y); a11 = MathF.FusedMultiplyAdd(a11, x, y);
            a12 = MathF.FusedMultiplyAdd(a12, x, y); a13 = MathF.FusedMultiplyAdd(a13, x, y);
            a14 = MathF.FusedMultiplyAdd(a14, x, y); a15 = MathF.FusedMultiplyAdd(a15, x, y);
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 + a13 + a14 + a15;
    }
}
