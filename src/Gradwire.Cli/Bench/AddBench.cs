using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench add [--n N] [--threads T] [--dtype f32|f64] [--json]</c>: <c>a + b</c> of two
/// N-element tensors (result from the buffer pool, disposed each call), the median of several timed runs.
/// </summary>
internal sealed class AddBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var n = new Option<int>("--n") { Description = "Elements per operand.", DefaultValueFactory = _ => 1 << 20 };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var dtype = new Option<string>("--dtype") { Description = "f32 or f64.", DefaultValueFactory = _ => "f32" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("add", "Element-wise add throughput (c = a + b) in GFLOP/s and GB/s.");
        command.Options.Add(n);
        command.Options.Add(threads);
        command.Options.Add(dtype);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(n), parse.GetValue(threads), parse.GetValue(dtype)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int n, int threads, string dtype, bool json)
    {
        var type = BenchOptions.Check("add", n, threads, dtype);
        MemoryBudget.Check("bench add", $"--n {n}", n, type.ElementSize(), buffers: 3); // a, b and a + b
        var g = new Generator(42);
        using var a = Tensor.Uniform([n], g, -1, 1, type);
        using var b = Tensor.Uniform([n], g, -1, 1, type);
        var seconds = KernelTiming.WithThreads(threads, () =>
        {
            using var noGrad = Tensor.NoGrad();
            return KernelTiming.MedianSecondsPerCall(() =>
            {
                using var c = a + b;
            });
        });
        var gflops = n / seconds / 1e9;
        var gbps = 3.0 * n * type.ElementSize() / seconds / 1e9;
        BenchOptions.Report(console, json, "add", n, threads, dtype, gflops, seconds, new JsonObject { ["gbps"] = JsonOutput.Number(gbps) },
            $"{gbps:F1} GB/s");
        return ExitCodes.Ok;
    }
}

/// <summary>Option checks and output shared by the element-wise benchmarks (same contract as <c>bench matmul</c>).</summary>
internal static class BenchOptions
{
    public static DType Check(string kernel, int n, int threads, string dtype)
    {
        if (n < 1)
        {
            throw new UsageException($"bench {kernel}: --n must be at least 1, got {n}.");
        }

        if (threads < 1)
        {
            throw new UsageException($"bench {kernel}: --threads must be at least 1, got {threads}.");
        }

        return dtype switch
        {
            "f32" => DType.Float32,
            "f64" => DType.Float64,
            _ => throw new UsageException($"bench {kernel}: --dtype must be f32 or f64, got '{dtype}'."),
        };
    }

    public static void Report(
        CliConsole console, bool json, string kernel, int n, int threads, string dtype, double gflops, double seconds,
        JsonObject extra, string extraText)
    {
        if (json)
        {
            var o = new JsonObject
            {
                ["kernel"] = kernel,
                ["n"] = n,
                ["threads"] = threads,
                ["dtype"] = dtype,
                ["gflops"] = JsonOutput.Number(gflops),
                ["us_per_call"] = JsonOutput.Number(seconds * 1e6),
            };
            foreach (var (key, value) in extra.ToList())
            {
                extra.Remove(key);
                o[key] = value;
            }

            JsonOutput.Write(console.Out, o);
        }
        else
        {
            console.Out.WriteLine($"{kernel} {dtype} n={n} threads={threads}: {gflops:F2} GFLOP/s, {extraText}, {seconds * 1e6:F2} µs per call");
        }
    }
}
