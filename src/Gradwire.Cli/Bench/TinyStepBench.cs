using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench tiny-step [--json]</c>: the tape's fixed cost: <c>(a + b).Sum().Backward()</c> on two
/// 4-element float32 leaves, gradients reset each step, the median of several timed runs.
/// </summary>
internal sealed class TinyStepBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("tiny-step", "Per-step overhead of the tape: add two 4-element tensors, sum, backward.");
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, bool json)
    {
        var a = Tensor.FromArray([1f, 2, 3, 4]);
        var b = Tensor.FromArray([5f, 6, 7, 8]);
        a.RequiresGrad = true;
        b.RequiresGrad = true;
        void Step()
        {
            (a + b).Sum().Backward();
            a.ZeroGrad();
            b.ZeroGrad();
        }

        var seconds = KernelTiming.MedianSecondsPerCall(Step);

        // Processor time of the same loop: on a shared, oversubscribed machine wall-clock time also counts the
        // time other processes held the core; CPU time does not.
        var process = System.Diagnostics.Process.GetCurrentProcess();
        const int steps = 100_000;
        var cpuSeconds = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            for (var i = 0; i < steps; i++)
            {
                Step();
            }

            process.Refresh();
            cpuSeconds = Math.Min(cpuSeconds, (process.TotalProcessorTime - before).TotalSeconds / steps);
        }
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["kernel"] = "tiny-step",
                ["n"] = 4,
                ["threads"] = 1,
                ["dtype"] = "f32",
                ["us_per_call"] = JsonOutput.Number(seconds * 1e6),
                ["cpu_us_per_call"] = JsonOutput.Number(cpuSeconds * 1e6),
            });
        }
        else
        {
            console.Out.WriteLine(
                $"tiny-step f32 n=4: {seconds * 1e6:F3} µs per step wall-clock, {cpuSeconds * 1e6:F3} µs CPU time (add, sum, backward, zero grads)");
        }

        return ExitCodes.Ok;
    }
}
