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
/// <c>gradwire bench cnn [--threads T] [--epochs E] [--limit N] [--data-dir DIR] [--json]</c>: the convolutional
/// reference recipe on Fashion-MNIST: inputs in [0, 1], conv 5×5 1→8 (padding 2), ReLU, max-pool 2, conv 5×5 8→16
/// (padding 2), ReLU, max-pool 2, flatten, linear 784→10 (<c>cnn:8c5-p2-16c5-p2-fc10</c>); softmax cross-entropy;
/// SGD momentum 0.9, lr 0.05, batch 64; seed 1; test accuracy after every epoch.
/// </summary>
internal sealed class CnnBench : ICommandFactory
{
    /// <summary>The recipe's network as a <see cref="CnnSpec"/>.</summary>
    public const string Spec = "cnn:8c5-p2-16c5-p2-fc10";

    public string Parent => "bench";

    public Command Create(CliConsole console)
    {
        var threads = new Option<int>("--threads") { Description = "Threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N training samples only (quick runs)." };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Fashion-MNIST directory (default {FashionMnist.DefaultDirectory})." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("cnn", "Seconds per epoch of a small conv net (8c5-p2-16c5-p2-fc10) on Fashion-MNIST (SGD momentum, batch 64).");
        command.Options.Add(threads);
        command.Options.Add(epochs);
        command.Options.Add(limit);
        command.Options.Add(dataDir);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(threads), parse.GetValue(epochs), parse.GetValue(limit), parse.GetValue(dataDir), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, int threads, int epochs, int? limit, string? dataDir, bool json)
    {
        if (threads < 1)
        {
            throw new UsageException($"bench cnn: --threads must be at least 1, got {threads}.");
        }

        if (epochs < 1)
        {
            throw new UsageException($"bench cnn: --epochs must be at least 1, got {epochs}.");
        }

        if (limit is < 1)
        {
            throw new UsageException($"bench cnn: --limit must be at least 1, got {limit}.");
        }

        var data = FashionMnist.Load(dataDir);
        var train = data.Train;
        if (limit is { } n && n < train.Count)
        {
            var first = new int[n];
            for (var i = 0; i < n; i++)
            {
                first[i] = i;
            }

            train = train.Subset(first);
        }

        using var compute = Compute.WithThreads(threads);
        var model = CnnSpec.Build(Spec, (1, 28, 28), 10, new Generator(1));
        var optimizer = new Sgd(model.Parameters(), 0.05, momentum: 0.9);
        var trainer = new Trainer(model, new CrossEntropyLoss(), optimizer, new DataLoader(train, 64, shuffle: true, seed: 1));
        var seconds = new JsonArray();
        var accuracies = new JsonArray();
        double accuracy = double.NaN, totalSeconds = 0;
        long samples = 0;
        trainer.EpochCompleted += m =>
        {
            accuracy = trainer.Evaluate(data.Test).Accuracy;
            seconds.Add(JsonOutput.Number(m.Seconds));
            accuracies.Add(JsonOutput.Number(accuracy));
            totalSeconds += m.Seconds;
            samples += trainer.Loader.SamplesPerEpoch;
            if (!json)
            {
                console.Out.WriteLine($"epoch {m.Epoch + 1}: {m.Seconds:F3} s, {m.SamplesPerSecond:F0} samples/s, train loss {m.TrainLoss:F4}, test accuracy {accuracy:P2}");
            }
        };
        trainer.Fit(epochs);
        if (json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["epoch_seconds"] = seconds,
                ["test_accuracy"] = JsonOutput.Number(accuracy),
                ["test_accuracy_per_epoch"] = accuracies,
                ["samples_per_second"] = JsonOutput.Number(samples / totalSeconds),
                ["threads"] = threads,
                ["epochs"] = epochs,
                ["train_samples"] = train.Count,
                ["model"] = Spec,
            });
        }

        return ExitCodes.Ok;
    }
}
