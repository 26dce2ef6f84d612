using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench xor [--steps N] [--json]</c>: the per-step cost of a tiny net, where per-op overhead is
/// everything: XOR, MLP 2-8-1 (tanh hidden, linear output), MSE on the full batch of 4, SGD lr 0.5, 2000 steps.
/// Prints the median step time in µs (after a warm-up that lets the JIT tier up) and the final loss.
/// </summary>
internal sealed class XorBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var steps = new Option<int>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("xor", "Microseconds per training step of a 2-8-1 tanh MLP on XOR (SGD, MSE, batch 4).");
        command.Options.Add(steps);
        command.Options.Add(seed);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(json)));
        return command;
    }

    /// <summary>
    /// Trains the recipe; returns the median step in seconds, the final loss and every step's loss. With
    /// <paramref name="warmUpSeconds"/> a throw-away twin trains first, long enough for the JIT to compile the
    /// step's code at its optimizing tier (2000 steps alone take ~20 ms, inside the JIT's call-counting delay).
    /// </summary>
    internal static (double MedianSeconds, double FinalLoss, double[] Losses, double BytesPerStep) Train(int steps, int seed, double warmUpSeconds = 0)
    {
        if (warmUpSeconds > 0)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed.TotalSeconds < warmUpSeconds)
            {
                Train(steps, seed);
            }
        }

        var model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator((ulong)seed));
        var optimizer = new Sgd(model.Parameters(), 0.5);
        var x = Tensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], new Shape(4, 2)).DetachFromScope();
        var y = Tensor.FromArray([0f, 1, 1, 0], new Shape(4, 1)).DetachFromScope();
        var times = new double[steps];
        var losses = new double[steps];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var s = 0; s < steps; s++)
        {
            var start = Stopwatch.GetTimestamp();
            using (TensorScope.Begin())
            {
                var loss = Losses.Mse(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                losses[s] = loss.Item();
            }

            times[s] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        var bytesPerStep = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / Math.Max(steps, 1);
        Array.Sort(times);
        return (steps == 0 ? double.NaN : times[steps / 2], steps == 0 ? double.NaN : losses[^1], losses, bytesPerStep);
    }

    private static int Run(CliConsole console, int steps, int seed, bool json)
    {
        if (steps < 1)
        {
            throw new UsageException($"bench xor: --steps must be at least 1, got {steps}.");
        }

        var (median, finalLoss, _, bytes) = Train(steps, seed, warmUpSeconds: 1.0);
        var us = median * 1e6;
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["us_per_step"] = JsonOutput.Number(us),
                ["final_loss"] = JsonOutput.Number(finalLoss),
                ["steps"] = steps,
                ["bytes_allocated_per_step"] = JsonOutput.Number(bytes),
            });
        }
        else
        {
            console.Out.WriteLine($"xor 2-8-1 tanh, MSE, SGD lr 0.5, {steps} steps: {us:F2} µs per step (median), final loss {finalLoss:G6}, {bytes:F0} bytes allocated per step");
        }

        return ExitCodes.Ok;
    }
}
