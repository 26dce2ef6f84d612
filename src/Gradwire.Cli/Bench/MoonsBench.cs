using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gradwire.Circuits;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data.Synthetic;
using Gradwire.Scalars;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench moons [--json]</c>: micrograd's own demo workload on <see cref="Value"/> scalars. 100 two-moons
/// points (noise 0.1, seeded), labels ±1, an MLP 2-16-16-1 with ReLU, the SVM max-margin loss
/// mean(relu(1 − y·score)) + 1e-4·Σp², 100 full-batch SGD steps with learning rate 1.0 − 0.9·k/100.
/// Prints the wall time per step (forward graph build + backward + update) and the final training accuracy.
/// </summary>
internal sealed class MoonsBench : ICommandFactory
{
    private const int Samples = 100;
    private const double Noise = 0.1;
    private const double Alpha = 1e-4;
    private const int WarmupSteps = 3;

    /// <summary>micrograd's time per step on this workload on our machines (the figure).</summary>
    private const double MicrogradMsPerStep = 1800;

    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"ms_per_step\":…, \"final_accuracy\":…}." };
        var steps = new Option<int>("--steps") { Description = "SGD steps (default 100, micrograd's).", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the data and the initial weights (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("moons", "micrograd's demo on Value scalars: MLP 2-16-16-1 on 100 two-moons points, 100 SGD steps.");
        command.Options.Add(json);
        command.Options.Add(steps);
        command.Options.Add(seed);
        command.SetAction(parse => Run(console, parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int steps, int seed, bool json)
    {
        if (steps < 1)
        {
            throw new UsageException($"bench moons: --steps must be at least 1 (got {steps}).");
        }

        var (features, labels) = Moons.Generate(Samples, Noise, new Random(seed));
        var inputs = new Value[Samples][];
        var targets = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            inputs[i] = [new Value(features[2 * i]), new Value(features[2 * i + 1])];
            targets[i] = labels[i] * 2 - 1; // 0/1 -> -1/+1
        }

        // Warm the JIT on a throwaway model so the timed run measures steady-state code.
        var warm = new ScalarMlp(2, [16, 16, 1], new Random(seed));
        for (var k = 0; k < WarmupSteps; k++)
        {
            Step(warm, inputs, targets, learningRate: 0.0, out _, out _, out _, out _);
        }

        var model = new ScalarMlp(2, [16, 16, 1], new Random(seed));
        var times = new double[steps];
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseStart = GC.GetTotalPauseDuration();
        var gen1Start = GC.CollectionCount(1);
        var total = Stopwatch.StartNew();
        double loss = 0, accuracy = 0, forwardMs = 0;
        var nodes = 0;
        for (var k = 0; k < steps; k++)
        {
            // micrograd's schedule, 1.0 down to 0.1 over the run (its demo runs 100 steps).
            var learningRate = 1.0 - 0.9 * k / steps;
            var start = Stopwatch.GetTimestamp();
            Step(model, inputs, targets, learningRate, out loss, out accuracy, out nodes, out var forward);
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            forwardMs += forward;
        }

        total.Stop();
        // CPU time (all threads, the GC's included) is less sensitive than wall time to other work on a shared machine.
        var cpuMsPerStep = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / steps;
        // Each step's graph stays alive until its backward pass, so collections during the forward pass promote it:
        // the GC's share of a step is worth showing next to the step time.
        var gcPauseMsPerStep = (GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds / steps;
        var gen1PerStep = (double)(GC.CollectionCount(1) - gen1Start) / steps;
        var finalAccuracy = Accuracy(model, inputs, targets);
        var msPerStep = total.Elapsed.TotalMilliseconds / steps;
        var forwardMsPerStep = forwardMs / steps;
        Array.Sort(times);
        var median = times[steps / 2];

        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["ms_per_step"] = JsonOutput.Number(msPerStep),
                ["final_accuracy"] = JsonOutput.Number(finalAccuracy),
                ["median_ms_per_step"] = JsonOutput.Number(median),
                ["forward_ms_per_step"] = JsonOutput.Number(forwardMsPerStep),
                ["cpu_ms_per_step"] = JsonOutput.Number(cpuMsPerStep),
                ["gc_pause_ms_per_step"] = JsonOutput.Number(gcPauseMsPerStep),
                ["gen1_collections_per_step"] = gen1PerStep,
                ["final_loss"] = JsonOutput.Number(loss),
                ["last_step_accuracy"] = JsonOutput.Number(accuracy),
                ["steps"] = steps,
                ["samples"] = Samples,
                ["parameters"] = model.Parameters.Count,
                ["nodes_per_step"] = nodes,
                ["seed"] = seed,
                ["speedup_vs_micrograd"] = JsonOutput.Number(MicrogradMsPerStep / msPerStep),
            });
            return ExitCodes.Ok;
        }

        console.Out.WriteLine($"moons: MLP 2-16-16-1 ({model.Parameters.Count} parameters) on {Samples} two-moons points, " +
                              $"{steps} full-batch SGD steps, seed {seed}");
        console.Out.WriteLine($"  {msPerStep:F2} ms per step (median {median:F2} ms, CPU {cpuMsPerStep:F2} ms; building the graph " +
                              $"{forwardMsPerStep:F2} ms), {nodes:N0} Value nodes per step");
        console.Out.WriteLine($"  garbage collector: {gcPauseMsPerStep:F2} ms of pauses and {gen1PerStep:F2} gen-1 collections per step");
        console.Out.WriteLine($"  micrograd: about {MicrogradMsPerStep:F0} ms per step -> {MicrogradMsPerStep / msPerStep:F0}x faster");
        console.Out.WriteLine($"  final loss {loss:F4}, training accuracy {finalAccuracy:P0}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// One step: forward over the whole batch, the loss, backward, SGD update. Reports the loss before the update
    /// and the milliseconds spent building the graph (the forward pass).
    /// </summary>
    private static void Step(ScalarMlp model, Value[][] inputs, double[] targets, double learningRate,
        out double loss, out double accuracy, out int nodes, out double forwardMs)
    {
        var start = Stopwatch.GetTimestamp();
        Value dataLoss = 0;
        var correct = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var score = model.Forward(inputs[i])[0];
            dataLoss += (1 - targets[i] * score).Relu(); // max-margin: relu(1 - y * score)
            correct += (targets[i] > 0) == (score.Data > 0) ? 1 : 0;
        }

        Value squares = 0;
        foreach (var p in model.Parameters)
        {
            squares += p * p;
        }

        var total = dataLoss * (1.0 / inputs.Length) + Alpha * squares;
        forwardMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        model.ZeroGrad();
        total.Backward();
        foreach (var p in model.Parameters)
        {
            p.Data -= learningRate * p.Grad;
        }

        loss = total.Data;
        accuracy = (double)correct / inputs.Length;
        nodes = CountNodes(total);
    }

    private static double Accuracy(ScalarMlp model, Value[][] inputs, double[] targets)
    {
        var correct = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            correct += (targets[i] > 0) == (model.Forward(inputs[i])[0].Data > 0) ? 1 : 0;
        }

        return (double)correct / inputs.Length;
    }

    // Counting walks the graph again; only the first step pays for it (the graph has the same size every step).
    private static int s_nodes;

    private static int CountNodes(Value root) => s_nodes != 0 ? s_nodes : s_nodes = root.TopologicalOrder().Count;
}
