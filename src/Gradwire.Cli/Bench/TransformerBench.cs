using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Kernels;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench transformer [--threads T] [--steps N] [--json]</c>: issue 10 §4's step — vocabularies 8,000,
/// d_model 256, 4 heads, 3 + 3 layers, feed-forward 1024, dropout 0.1, batch 32, lengths 48 (random tokens), causal
/// target mask, output projection to 8,000, cross-entropy, Adam 5e-4 — timed after one warm-up step (median).
/// </summary>
internal sealed class TransformerBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads") { Description = "Threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var steps = new Option<int>("--steps") { Description = "Timed steps after one warm-up step (median reported).", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("transformer", "Milliseconds per training step of a 3+3-layer d=256 Transformer (batch 32 × 48 tokens, Adam).");
        command.Options.Add(threads);
        command.Options.Add(steps);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(threads), parse.GetValue(steps), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int threads, int steps, bool json)
    {
        if (threads < 1)
        {
            throw new UsageException($"bench transformer: --threads must be at least 1, got {threads}.");
        }

        if (steps < 1)
        {
            throw new UsageException($"bench transformer: --steps must be at least 1, got {steps}.");
        }

        using var compute = Compute.WithThreads(threads);
        var step = new TransformerStep(new TransformerBenchShape());
        var loss = step.Run(); // warm-up: JIT, pools, Adam state
        var times = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            var watch = Stopwatch.StartNew();
            loss = step.Run();
            times[i] = watch.Elapsed.TotalMilliseconds;
            if (!json)
            {
                console.Out.WriteLine($"step {i + 1}: {times[i]:F1} ms, loss {loss:F4}");
            }
        }

        Array.Sort(times);
        var ms = times[steps / 2];
        var tokens = step.Shape.Batch * (step.Shape.SourceLength + step.Shape.TargetLength);
        var tokensPerSecond = tokens / (ms / 1000);
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["ms_per_step"] = JsonOutput.Number(ms),
                ["tokens_per_second"] = JsonOutput.Number(tokensPerSecond),
                ["threads"] = threads,
                ["steps"] = steps,
                ["loss"] = JsonOutput.Number(loss),
                ["parameters"] = step.ParameterCount,
            });
        }
        else
        {
            console.Out.WriteLine($"transformer step: {ms:F1} ms median of {steps}, {tokensPerSecond:F0} tokens/s (source + target), {threads} thread(s), {step.ParameterCount:N0} parameters");
        }

        return ExitCodes.Ok;
    }
}
