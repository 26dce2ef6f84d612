using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Kernels;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench peak [--threads T] [--json]</c>: the fp32 fused multiply-add peak of this machine, measured
/// with independent FMA chains held in registers, so GEMM figures can be given as a percentage of it.
/// </summary>
internal sealed class PeakBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads")
        {
            Description = "Threads (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("peak", "fp32 FMA peak in GFLOP/s (independent vector FMA chains in registers).");
        command.Options.Add(threads);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var t = parse.GetValue(threads);
            if (t < 1)
            {
                throw new UsageException($"bench peak: --threads must be at least 1, got {t}.");
            }

            var gflops = GemmPeakProbe.MeasureGflops(t);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(console.Out, new JsonObject
                {
                    ["kernel"] = "peak",
                    ["threads"] = t,
                    ["dtype"] = "f32",
                    ["gflops"] = JsonOutput.Number(gflops),
                });
            }
            else
            {
                console.Out.WriteLine($"fp32 FMA peak, threads={t}: {gflops:F1} GFLOP/s");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
