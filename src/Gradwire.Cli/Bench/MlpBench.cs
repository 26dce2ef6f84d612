using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Cli.Bench;

/// <summary>
/// <c>gradwire bench mlp [--threads T] [--epochs E] [--data-dir DIR] [--json]</c>: issue 4's reference recipe on
/// Fashion-MNIST: inputs in [0, 1], MLP 784-256-128-10 with ReLU, softmax cross-entropy, SGD momentum 0.9,
/// lr 0.05, batch 64, seed 1, test accuracy after every epoch.
/// </summary>
internal sealed class MlpBench : ICommandFactory
{
    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads") { Description = "Threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 5 };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Fashion-MNIST directory (default {FashionMnist.DefaultDirectory})." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("mlp", "Seconds per epoch of an MLP 784-256-128-10 on Fashion-MNIST (SGD momentum, batch 64).");
        command.Options.Add(threads);
        command.Options.Add(epochs);
        command.Options.Add(dataDir);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(threads), parse.GetValue(epochs), parse.GetValue(dataDir), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int threads, int epochs, string? dataDir, bool json)
    {
        if (threads < 1)
        {
            throw new UsageException($"bench mlp: --threads must be at least 1, got {threads}.");
        }

        if (epochs < 1)
        {
            throw new UsageException($"bench mlp: --epochs must be at least 1, got {epochs}.");
        }

        var data = FashionMnist.Load(dataDir, flatten: true);
        var compute = Compute.WithThreads(threads);
        try
        {
            var model = Mlp.Create([784, 256, 128, 10], Activation.Relu, new Generator(1));
            var optimizer = new Sgd(model.Parameters(), 0.05, momentum: 0.9);
            var loss = new CrossEntropyLoss();
            var trainer = new Trainer(model, loss, optimizer, new DataLoader(data.Train, 64, shuffle: true, seed: 1));
            var seconds = new JsonArray();
            var cpuSeconds = new JsonArray();
            var process = System.Diagnostics.Process.GetCurrentProcess();
            var cpuAtStart = process.TotalProcessorTime;
            trainer.StepCompleted += s =>
            {
                if (s.Batch == 0)
                {
                    process.Refresh();
                    cpuAtStart = process.TotalProcessorTime;
                }
            };
            var accuracies = new JsonArray();
            double accuracy = double.NaN, totalSeconds = 0;
            long samples = 0;
            trainer.EpochCompleted += m =>
            {
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds;
                cpuSeconds.Add(JsonOutput.Number(cpu));
                accuracy = trainer.Evaluate(data.Test).Accuracy;
                seconds.Add(JsonOutput.Number(m.Seconds));
                accuracies.Add(JsonOutput.Number(accuracy));
                totalSeconds += m.Seconds;
                samples += trainer.Loader.SamplesPerEpoch;
                if (!json)
                {
                    console.Out.WriteLine(
                        $"epoch {m.Epoch + 1}: {m.Seconds:F3} s (CPU {cpu:F3} s), {m.SamplesPerSecond:F0} samples/s, train loss {m.TrainLoss:F4}, test accuracy {accuracy:P2}");
                }
            };
            trainer.Fit(epochs);
            if (json)
            {
                JsonOutput.Write(console.Out, new JsonObject
                {
                    ["epoch_seconds"] = seconds,
                    ["epoch_cpu_seconds"] = cpuSeconds,
                    ["test_accuracy"] = JsonOutput.Number(accuracy),
                    ["test_accuracy_per_epoch"] = accuracies,
                    ["samples_per_second"] = JsonOutput.Number(samples / totalSeconds),
                    ["threads"] = threads,
                    ["epochs"] = epochs,
                });
            }

            return ExitCodes.Ok;
        }
        finally
        {
            compute.Dispose();
        }
    }
}
