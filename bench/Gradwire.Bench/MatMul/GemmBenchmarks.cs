using BenchmarkDotNet.Attributes;
using Gradwire.Kernels;

namespace Gradwire.Bench.MatMul;

/// <summary>
/// BenchmarkDotNet figures for the GEMM: C = A·B, square, f32 and f64, 1 and 2 threads. For GFLOP/s divide
/// 2·N³ by the mean (or use the side-by-side runner, which prints them).
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] a32 = [];
    private float[] b32 = [];
    private float[] c32 = [];
    private double[] a64 = [];
    private double[] b64 = [];
    private double[] c64 = [];

    [Params(32, 256, 1024)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(N);
        a32 = new float[N * N];
        b32 = new float[N * N];
        c32 = new float[N * N];
        a64 = new double[N * N];
        b64 = new double[N * N];
        c64 = new double[N * N];
        for (var i = 0; i < a32.Length; i++)
        {
            a64[i] = random.NextDouble() - 0.5;
            b64[i] = random.NextDouble() - 0.5;
            a32[i] = (float)a64[i];
            b32[i] = (float)b64[i];
        }
    }

    [Benchmark]
    public void MultiplyF32() =>
        Gemm.Multiply(false, false, N, N, N, 1f, a32, N, b32, N, 0f, c32, N, Threads);

    [Benchmark]
    public void MultiplyF64() =>
        Gemm.Multiply(false, false, N, N, N, 1.0, a64, N, b64, N, 0.0, c64, N, Threads);

    [Benchmark]
    public void MultiplyF32TransposedB() =>
        Gemm.Multiply(false, true, N, N, N, 1f, a32, N, b32, N, 0f, c32, N, Threads);
}
