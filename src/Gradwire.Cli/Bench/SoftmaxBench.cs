using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench softmax [--n N] [--cols C] [--threads T] [--dtype f32|f64] [--json]</c>: row-wise softmax
/// of an (N / C) × C tensor, the median of several timed runs. FLOPs are counted as 5 per element (max,
/// subtract, exp, sum, divide).
/// </summary>
internal sealed class SoftmaxBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var n = new Option<int>("--n") { Description = "Elements in total.", DefaultValueFactory = _ => 1 << 20 };
        var cols = new Option<int>("--cols") { Description = "Row length (the softmax axis).", DefaultValueFactory = _ => 1024 };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var dtype = new Option<string>("--dtype") { Description = "f32 or f64.", DefaultValueFactory = _ => "f32" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("softmax", "Row-wise softmax throughput in GFLOP/s and GB/s.");
        command.Options.Add(n);
        command.Options.Add(cols);
        command.Options.Add(threads);
        command.Options.Add(dtype);
        command.Options.Add(json);
        command.SetAction(parse => Run(
            console, parse.GetValue(n), parse.GetValue(cols), parse.GetValue(threads), parse.GetValue(dtype)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int n, int cols, int threads, string dtype, bool json)
    {
        var type = BenchOptions.Check("softmax", n, threads, dtype);
        if (cols < 1 || n % cols != 0)
        {
            throw new UsageException($"bench softmax: --cols must be positive and divide --n ({n}), got {cols}.");
        }

        MemoryBudget.Check("bench softmax", $"--n {n}", n, type.ElementSize(), buffers: 2); // x and its softmax
        using var x = Tensor.Uniform([n / cols, cols], new Generator(42), -5, 5, type);
        var seconds = KernelTiming.WithThreads(threads, () =>
        {
            using var noGrad = Tensor.NoGrad();
            return KernelTiming.MedianSecondsPerCall(() =>
            {
                using var y = x.Softmax(-1);
            });
        });
        var gflops = 5.0 * n / seconds / 1e9;
        var gbps = 2.0 * n * type.ElementSize() / seconds / 1e9;
        BenchOptions.Report(console, json, "softmax", n, threads, dtype, gflops, seconds,
            new JsonObject { ["cols"] = cols, ["gbps"] = JsonOutput.Number(gbps) }, $"{gbps:F1} GB/s, cols={cols}");
        return ExitCodes.Ok;
    }
}
