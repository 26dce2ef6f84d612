using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Kernels;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench matmul --n N [--threads T] [--dtype f32|f64] [--json]</c>: GFLOP/s of an N×N×N GEMM,
/// the median of several timed runs after warm-up.
/// </summary>
internal sealed class MatMulBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var n = new Option<int>("--n") { Description = "Matrix size: N×N times N×N.", DefaultValueFactory = _ => 1024 };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var dtype = new Option<string>("--dtype") { Description = "f32 or f64.", DefaultValueFactory = _ => "f32" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("matmul", "GEMM throughput (C = A·B, N×N) in GFLOP/s.");
        command.Options.Add(n);
        command.Options.Add(threads);
        command.Options.Add(dtype);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(n), parse.GetValue(threads), parse.GetValue(dtype)!,
            parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int n, int threads, string dtype, bool json)
    {
        if (n < 1)
        {
            throw new UsageException($"bench matmul: --n must be at least 1, got {n}.");
        }

        if (threads < 1)
        {
            throw new UsageException($"bench matmul: --threads must be at least 1, got {threads}.");
        }

        var elementSize = dtype switch
        {
            "f32" => sizeof(float),
            "f64" => sizeof(double),
            _ => throw new UsageException($"bench matmul: --dtype must be f32 or f64, got '{dtype}'."),
        };
        // A, B and C are N×N each: N² is computed in 64 bits (46341² overflows an int).
        MemoryBudget.Check("bench matmul", $"--n {n}", (long)n * n, elementSize, buffers: 3);
        var seconds = dtype switch
        {
            "f32" => Time<float>(n, threads),
            "f64" => Time<double>(n, threads),
            _ => throw new UsageException($"bench matmul: --dtype must be f32 or f64, got '{dtype}'."),
        };
        var gflops = GemmTiming.Gflops(n, n, n, seconds);
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["kernel"] = "matmul",
                ["n"] = n,
                ["threads"] = threads,
                ["dtype"] = dtype,
                ["gflops"] = JsonOutput.Number(gflops),
                ["seconds"] = JsonOutput.Number(seconds),
                ["microKernel"] = Gemm.BestKernel.ToString(),
            });
        }
        else
        {
            console.Out.WriteLine(
                $"matmul {dtype} n={n} threads={threads}: {gflops:F1} GFLOP/s ({Duration(seconds)} per call, {Gemm.BestKernel} micro-kernel)");
        }

        return ExitCodes.Ok;
    }

    private static string Duration(double seconds) =>
        seconds < 1e-3 ? $"{seconds * 1e6:F2} µs" : $"{seconds * 1e3:F3} ms";

    private static double Time<T>(int n, int threads)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(42);
        var a = new T[n * n];
        var b = new T[n * n];
        var c = new T[n * n];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateChecked(random.NextDouble() - 0.5);
            b[i] = T.CreateChecked(random.NextDouble() - 0.5);
        }

        return GemmTiming.MedianSeconds(() =>
            Gemm.Multiply(GemmKernelKind.Auto, null, false, false, n, n, n, T.One, a, n, b, n, T.Zero, c, n, threads));
    }
}
