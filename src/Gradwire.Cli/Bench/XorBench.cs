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
/// Prints the median step time in µs and the final loss.
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

    /// <summary>Trains the recipe; returns the median step in seconds, the final loss and every step's loss.</summary>
    internal static (double MedianSeconds, double FinalLoss, double[] Losses) Train(int steps, int seed)
    {
        var model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator((ulong)seed));
        var optimizer = new Sgd(model.Parameters(), 0.5);
        var x = Tensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], new Shape(4, 2)).DetachFromScope();
        var y = Tensor.FromArray([0f, 1, 1, 0], new Shape(4, 1)).DetachFromScope();
        var times = new double[steps];
        var losses = new double[steps];
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

        Array.Sort(times);
        return (steps == 0 ? double.NaN : times[steps / 2], steps == 0 ? double.NaN : losses[^1], losses);
    }

    private static void Profile(CliConsole console)
    {
        var model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator(2));
        var optimizer = new Sgd(model.Parameters(), 0.5);
        var x = Tensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], new Shape(4, 2)).DetachFromScope();
        var y = Tensor.FromArray([0f, 1, 1, 0], new Shape(4, 1)).DetachFromScope();
        var t = new double[6][]; for (var k = 0; k < 6; k++) t[k] = new double[20000];
        for (var s = 0; s < 20000; s++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var scope = TensorScope.Begin();
            var h = model.Forward(x);
            var t1 = Stopwatch.GetTimestamp();
            var loss = Losses.Mse(h, y);
            var t2 = Stopwatch.GetTimestamp();
            optimizer.ZeroGrad();
            var t3 = Stopwatch.GetTimestamp();
            loss.Backward();
            var t4 = Stopwatch.GetTimestamp();
            optimizer.Step();
            var t5 = Stopwatch.GetTimestamp();
            scope.Dispose();
            var t6 = Stopwatch.GetTimestamp();
            t[0][s] = t1 - t0; t[1][s] = t2 - t1; t[2][s] = t3 - t2; t[3][s] = t4 - t3; t[4][s] = t5 - t4; t[5][s] = t6 - t5;
        }

        var names = new[] { "forward", "loss", "zerograd", "backward", "step", "scope" };
        for (var i = 0; i < 6; i++)
        {
            Array.Sort(t[i]); console.Error.WriteLine($"{names[i]}: {t[i][10000] / Stopwatch.Frequency * 1e6:F2} us");
        }
    }

    private static int Run(CliConsole console, int steps, int seed, bool json)
    {
        if (steps < 1)
        {
            throw new UsageException($"bench xor: --steps must be at least 1, got {steps}.");
        }

        var (median, finalLoss, all) = Train(steps, seed);
        if (Environment.GetEnvironmentVariable("GW_DEBUG") is not null) Profile(console);
        var us = median * 1e6;
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["us_per_step"] = JsonOutput.Number(us),
                ["final_loss"] = JsonOutput.Number(finalLoss),
                ["steps"] = steps,
            });
        }
        else
        {
            console.Out.WriteLine($"xor 2-8-1 tanh, MSE, SGD lr 0.5, {steps} steps: {us:F2} µs per step (median), final loss {finalLoss:G6}");
        }

        return ExitCodes.Ok;
    }
}
