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
        var seconds = KernelTiming.MedianSecondsPerCall(() =>
        {
            (a + b).Sum().Backward();
            a.ZeroGrad();
            b.ZeroGrad();
        });
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["kernel"] = "tiny-step",
                ["n"] = 4,
                ["threads"] = 1,
                ["dtype"] = "f32",
                ["us_per_call"] = JsonOutput.Number(seconds * 1e6),
            });
        }
        else
        {
            console.Out.WriteLine($"tiny-step f32 n=4: {seconds * 1e6:F3} µs per step (add, sum, backward, zero grads)");
        }

        return ExitCodes.Ok;
    }
}
