using System.Globalization;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Train;

/// <summary>
/// Turns <see cref="TrainOptions"/> into a model, a loss, an optimizer and a schedule, filling what was not
/// given with the dataset's default recipe (each default is a recipe that works on that set).
/// </summary>
internal sealed record TrainRecipe(
    string ModelSpec, string LossName, string OptimizerName, double LearningRate, int Epochs, int Batch, string Schedule)
{
    /// <summary>The defaults for <paramref name="data"/> (a name as given to --data).</summary>
    public static TrainRecipe DefaultFor(string data, Dataset train)
    {
        var name = data.ToLowerInvariant();
        var regression = train.TargetKind == TargetKind.Regression;
        var loss = regression ? "mse" : "cross-entropy";
        return name switch
        {
            // CS231n's 2-layer net; Adam makes it quick.
            "spiral" => new("mlp:100", loss, "adam", 0.01, 300, 32, "none"),
            "moons" or "circles" or "xor-cloud" => new("mlp:16,16", loss, "adam", 0.01, 150, 32, "none"),
            "xor" or "and" => new("mlp:8:tanh", loss, "adam", 0.05, 300, 4, "none"),
            "7seg" or "7seg-binary" => new("mlp:16", loss, "adam", 0.02, 400, 10, "none"),
            "guide-svm" or "guide-table" => new("linear", "hinge", "sgd", 0.1, 200, 6, "none"),

            // Fashion-MNIST: ≥ 88% test accuracy in 10 epochs with SGD + momentum and a cosine schedule.
            "fashion-mnist" or "mnist" => new("mlp:256,128", loss, "momentum", 0.05, 10, 64, "cosine"),
            _ => new("mlp:64", loss, "adam", 0.01, 50, 32, "none"),
        };
    }

    /// <summary>Whether the model <paramref name="spec"/> reads samples in their own shape ([C, H, W] images: <c>cnn:…</c>) rather than flat.</summary>
    public static bool TakesImages(string spec) => spec.StartsWith("cnn:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Builds the model the spec names (<see cref="ModelSpec.Build"/>: the grammar lives in the library, so
    /// checkpoints rebuild it); a cnn spec reads the image shape from <paramref name="sampleShape"/>.
    /// </summary>
    public static Module<Tensor, Tensor> BuildModel(string spec, int inputs, int outputs, Generator generator, IReadOnlyList<int>? sampleShape = null)
    {
        try
        {
            return NN.ModelSpec.Build(spec, sampleShape is null ? [inputs] : sampleShape.ToArray(), outputs, generator);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Contains("is not a model spec", StringComparison.Ordinal) ? $"train: --model {e.Message}" : $"train: --model {CliText.Quote(spec, 80)}: {e.Message}");
        }
    }

    /// <summary>
    /// Refuses a model too large to train before anything is allocated: a layer with more weights than an array
    /// holds, or an estimate of the memory (weights, gradients and two optimizer buffers, 16 bytes per parameter,
    /// plus about 12 bytes per activation of a batch) above half of what this process may use.
    /// </summary>
    public static void CheckModelSize(string spec, int inputs, int outputs, int batch)
    {
        if (spec.Equals("linear", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var parts = spec.Split(':');
        if (parts.Length < 2)
        {
            return; // BuildModel names the problem
        }

        var sizes = new List<long> { inputs };
        foreach (var item in parts[1].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width < 1)
            {
                return;
            }

            if (width > int.MaxValue)
            {
                throw new UsageException($"train: --model {CliText.Quote(spec, 80)}: a layer of {width} units is too wide (at most {int.MaxValue}).");
            }

            sizes.Add(width);
        }

        sizes.Add(outputs);
        double parameters = 0, activations = 0;
        for (var i = 0; i + 1 < sizes.Count; i++)
        {
            var weights = (double)sizes[i] * sizes[i + 1];
            if (weights > Array.MaxLength)
            {
                throw new UsageException(
                    $"train: --model {CliText.Quote(spec, 80)}: layer {i + 1} ({sizes[i]} → {sizes[i + 1]}) has {weights:G4} weights, more than one tensor holds ({Array.MaxLength}); use narrower layers.");
            }

            parameters += weights + sizes[i + 1];
            activations += sizes[i + 1];
        }

        var bytes = parameters * 16 + activations * batch * 12;
        var budget = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2.0;
        if (bytes > budget)
        {
            throw new UsageException(
                $"train: --model {CliText.Quote(spec, 80)}: {parameters:G4} parameters need about {bytes / (1 << 30):F1} GiB to train (batch {batch}), " +
                $"more than this machine can give ({budget / (1 << 30):F1} GiB); use narrower layers.");
        }
    }

    /// <summary>Builds the optimizer by name.</summary>
    public static Optimizer BuildOptimizer(string name, IEnumerable<Parameter> parameters, double lr, double momentum, double weightDecay) =>
        name.ToLowerInvariant() switch
        {
            "sgd" => new Sgd(parameters, lr, momentum, weightDecay: weightDecay),
            "momentum" => new Sgd(parameters, lr, momentum > 0 ? momentum : 0.9, weightDecay: weightDecay),
            "nesterov" => new Sgd(parameters, lr, momentum > 0 ? momentum : 0.9, nesterov: true, weightDecay: weightDecay),
            "adam" => new Adam(parameters, lr, weightDecay: weightDecay),
            "adamw" => new AdamW(parameters, lr, weightDecay: weightDecay > 0 ? weightDecay : 0.01),
            "adagrad" => new Adagrad(parameters, lr, weightDecay: weightDecay),
            "adadelta" => new Adadelta(parameters, lr, weightDecay: weightDecay),
            "rmsprop" => new RmsProp(parameters, lr, weightDecay: weightDecay),
            "lbfgs" => new Lbfgs(parameters, lr),
            _ => throw new UsageException(
                $"train: --optimizer {CliText.Quote(name, 40)} is unknown. Known: sgd, momentum, nesterov, adam, adamw, adagrad, adadelta, rmsprop, lbfgs."),
        };

    /// <summary>A learning rate that suits <paramref name="optimizer"/> when --optimizer is given without --lr.</summary>
    public static double DefaultRate(string optimizer) => optimizer.ToLowerInvariant() switch
    {
        "adadelta" or "lbfgs" => 1.0,
        "adam" or "adamw" or "rmsprop" => 0.01,
        _ => 0.05,
    };

    /// <summary>Builds the learning-rate schedule by name over <paramref name="totalSteps"/> steps.</summary>
    public static LearningRateSchedule? BuildSchedule(string name, double lr, long totalSteps, int warmup)
    {
        LearningRateSchedule? schedule = name.ToLowerInvariant() switch
        {
            "none" or "constant" => warmup > 0 ? new ConstantSchedule(lr) : null,
            "cosine" => new CosineSchedule(lr, Math.Max(1, totalSteps - warmup)),
            "step" => new StepDecaySchedule(lr, Math.Max(1, totalSteps / 3), 0.1),
            "exponential" or "exp" => new ExponentialSchedule(lr, Math.Pow(0.01, 1.0 / Math.Max(1, totalSteps))),
            _ => throw new UsageException($"train: --schedule {CliText.Quote(name, 40)} is unknown. Known: none, cosine, step, exponential."),
        };
        return schedule is not null && warmup > 0 ? new WarmupSchedule(schedule, warmup) : schedule;
    }
}
