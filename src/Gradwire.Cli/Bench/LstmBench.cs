using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Cli.Lm;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench lstm [--threads T] [--steps N] [--warmup W] [--json]</c>: issue 9 §3's case: Embedding(96, 64)
/// → LSTM(64, 256, 2 layers, batch-first) → Linear(256, 96), batch 32 × seq 64 random tokens, cross-entropy,
/// Adam 2e-3, clip-norm 5; the median milliseconds per training step after warm-up.
/// </summary>
internal sealed class LstmBench : ICommandFactory
{
    private const int Vocab = 96, Embed = 64, Hidden = 256, Layers = 2, Batch = 32, Seq = 64;

    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads") { Description = "Threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first.", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("lstm", "Milliseconds per training step of a 2-layer LSTM(256) char model, batch 32 × seq 64 (Adam, clip 5).");
        command.Options.Add(threads);
        command.Options.Add(steps);
        command.Options.Add(warmup);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(threads), parse.GetValue(steps), parse.GetValue(warmup), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int threads, int steps, int warmup, bool json)
    {
        if (threads < 1 || steps < 1 || warmup < 0)
        {
            throw new UsageException($"bench lstm: --threads and --steps must be ≥ 1 and --warmup ≥ 0, got {threads}, {steps}, {warmup}.");
        }

        using var compute = Compute.WithThreads(threads);
        var generator = new Generator(1);
        var model = new TokenModel("lstm", Vocab, Embed, Hidden, Layers, 0, generator);
        var optimizer = new Adam(model.Parameters(), 2e-3);
        var loss = new CrossEntropyLoss();
        var tokens = new long[Batch * (Seq + 1)];
        var data = new Generator(2);
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = data.NextInt(Vocab);
        }

        var all = Tensor.FromArray(tokens, new Shape(Batch, Seq + 1));
        var input = all.Narrow(1, 0, Seq).Contiguous();
        var target = all.Narrow(1, 1, Seq).Contiguous().Reshape(-1);
        var times = new double[steps];
        double last = 0;
        for (var s = 0; s < warmup + steps; s++)
        {
            var clock = Stopwatch.StartNew();
            using var scope = TensorScope.Begin(); // the step's temporaries go back to the pool
            optimizer.ZeroGrad();
            var (logits, _) = model.Forward(input);
            var l = loss.Forward(logits.Reshape(-1, Vocab), target);
            l.Backward();
            GradientClipping.ClipByNorm(model.Parameters(), 5);
            optimizer.Step();
            last = l.Item();
            if (s >= warmup)
            {
                times[s - warmup] = clock.Elapsed.TotalMilliseconds;
            }
        }

        Array.Sort(times);
        var median = steps % 2 == 1 ? times[steps / 2] : (times[(steps / 2) - 1] + times[steps / 2]) / 2;
        var tokensPerSecond = Batch * Seq / (median / 1000);
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["ms_per_step"] = JsonOutput.Number(median),
                ["tokens_per_second"] = JsonOutput.Number(tokensPerSecond),
                ["threads"] = threads,
                ["steps"] = steps,
                ["last_loss"] = JsonOutput.Number(last),
            });
        }
        else
        {
            console.Out.WriteLine($"lstm 2×256, batch {Batch} × seq {Seq}: {median:F1} ms/step (median of {steps}), {tokensPerSecond:F0} tokens/s, last loss {last:F4}");
        }

        return ExitCodes.Ok;
    }
}
