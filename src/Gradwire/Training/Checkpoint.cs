using System.Globalization;
using System.Text.Json;
using Gradwire.IO;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>
/// Checkpoints as safetensors files (written atomically: a temporary file, then a rename). Tensors:
/// <c>model.NAME</c> (the state dictionary: parameters and persistent buffers), <c>optim.KEY</c> (the optimizer state), <c>best.NAME</c> (early
/// stopping's best weights, when kept). Metadata: <c>format = gradwire-checkpoint</c>, <c>version = 1</c>, the
/// position (<c>epoch</c>, <c>batch</c>, <c>step</c>), the running sums of the current epoch, the loader's seed and
/// batch size, the optimizer and loss names, the dropout call counters and seeds (<c>dropout.PATH</c>, <c>dropout_seed.PATH</c>) and the history as
/// JSON. Plain weights (<see cref="SaveWeights"/>) hold only <c>NAME</c> tensors, readable by any safetensors
/// library.
/// </summary>
public static class Checkpoint
{
    /// <summary>The value of the <c>format</c> metadata key.</summary>
    public const string Format = "gradwire-checkpoint";

    /// <summary>The checkpoint layout version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>This library's version (its informational version, e.g. <c>0.1.0</c>), recorded in checkpoints.</summary>
    public static string LibraryVersion { get; } =
        typeof(Checkpoint).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false).OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(Checkpoint).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Writes <paramref name="model"/>'s state dictionary (parameters and persistent buffers) to <paramref name="path"/>, atomically.</summary>
    public static void SaveWeights(string path, Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        SafetensorsFile.Write(path, ToSafetensors("", model.StateDict()), new Dictionary<string, string> { ["format"] = "gradwire-weights" });
    }

    /// <summary>
    /// Loads the state dictionary stored under <paramref name="prefix"/> (tensor <c>PREFIX + NAME</c> for each state
    /// entry NAME) into <paramref name="model"/>. Null prefix: <c>model.</c> for a training checkpoint (what
    /// <c>gradwire train --save</c> writes), none for anything else (<see cref="SaveWeights"/>, PyTorch's
    /// <c>save_file(model.state_dict())</c>).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed or does not fit the model.</exception>
    public static void LoadWeights(string path, Module model, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var content = SafetensorsFile.Read(path);
        prefix ??= content.Metadata.TryGetValue("format", out var format) && format == Format ? "model." : "";
        var state = FromSafetensors(path, content, prefix, model);
        Wrap(path, () => model.LoadStateDict(state));
    }

    /// <summary>Writes <paramref name="model"/>'s weights and <paramref name="info"/> (<c>info.*</c> metadata), so that <see cref="LoadModel"/> rebuilds it.</summary>
    public static void SaveModel(string path, Module model, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        var metadata = new Dictionary<string, string> { ["format"] = "gradwire-weights" };
        foreach (var (key, value) in CheckpointInfo.Describe(info))
        {
            metadata[key] = value;
        }

        SafetensorsFile.Write(path, ToSafetensors("", model.StateDict()), metadata);
    }

    /// <summary>
    /// Rebuilds the model a checkpoint (<c>gradwire train --save</c>, <see cref="Trainer.SaveCheckpoint"/> with
    /// <see cref="Trainer.ModelInfo"/> set, or <see cref="SaveModel"/>) describes, loads its weights, and returns it in
    /// evaluation mode with the recorded <see cref="ModelInfo"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is malformed, or records no model information (written
    /// before checkpoints recorded it, or by <see cref="SaveWeights"/>: build the model yourself and call
    /// <see cref="LoadWeights"/>).</exception>
    public static LoadedModel LoadModel(string path)
    {
        var content = SafetensorsFile.Read(path);
        var info = CheckpointInfo.Parse(path, content.Metadata);
        Module<Tensor, Tensor> model;
        try
        {
            model = ModelSpec.Build(info.ModelSpec, info.InputShape.ToArray(), info.Outputs, new Generator(0));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: metadata 'info.model_spec': {e.Message}", e);
        }

        var prefix = content.Metadata.TryGetValue("format", out var format) && format == Format ? "model." : "";
        var state = FromSafetensors(path, content, prefix, model);
        Wrap(path, () => model.LoadStateDict(state));
        model.Eval();
        return new LoadedModel(model, info);
    }

    internal static void Save(string path, Trainer trainer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var tensors = new List<SafetensorsTensor>();
        tensors.AddRange(ToSafetensors("model.", trainer.Model.StateDict()));
        tensors.AddRange(ToSafetensors("optim.", trainer.Optimizer.StateDict()));
        if (trainer.BestWeights is { } best)
        {
            tensors.AddRange(ToSafetensors("best.", best));
        }

        var p = trainer.Position;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["version"] = Version.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = Str(p.Epoch),
            ["batch"] = Str(p.Batch),
            ["step"] = Str(p.Step),
            ["epoch_loss_sum"] = Str(p.LossSum),
            ["epoch_correct"] = Str(p.Correct),
            ["epoch_seen"] = Str(p.Seen),
            ["epoch_weight_sum"] = Str(p.WeightSum),
            ["epoch_seconds"] = Str(p.EpochSeconds),
            ["best"] = Str(p.Best),
            ["bad_epochs"] = Str(p.BadEpochs),
            ["early_stopped"] = p.Stopped ? "true" : "false",
            ["optimizer"] = trainer.Optimizer.Name,
            ["loss"] = trainer.Loss.Name,
            ["loader_seed"] = Str(trainer.Loader.Seed),
            ["batch_size"] = Str(trainer.Loader.BatchSize),
            ["history"] = JsonSerializer.Serialize(trainer.History.Select(h => new[]
            {
                h.Epoch, h.TrainLoss, h.TrainAccuracy, h.ValidationLoss, h.ValidationAccuracy, h.Seconds, h.SamplesPerSecond, h.LearningRate,
            }.Select(Str).ToArray())),
        };
        foreach (var (key, value) in CheckpointRun.Describe(trainer))
        {
            metadata[key] = value;
        }

        if (trainer.ModelInfo is { } info)
        {
            foreach (var (key, value) in CheckpointInfo.Describe(info))
            {
                metadata[key] = value;
            }
        }

        foreach (var (name, dropout) in Dropouts(trainer.Model, ""))
        {
            metadata["dropout." + name] = Str(dropout.Calls);
            metadata["dropout_seed." + name] = dropout.Seed.ToString(CultureInfo.InvariantCulture);
        }

        SafetensorsFile.Write(path, tensors, metadata);
    }

    internal static void Load(string path, Trainer trainer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var content = SafetensorsFile.Read(path);
        var meta = content.Metadata;
        if (!meta.TryGetValue("format", out var format) || format != Format)
        {
            throw new InvalidDataException(
                $"{path}: not a Gradwire training checkpoint (metadata 'format' is {(format is null ? "missing" : $"'{format}'")}, expected '{Format}').");
        }

        if (Int(path, meta, "version") != Version)
        {
            throw new InvalidDataException($"{path}: checkpoint version {meta["version"]} is not supported (this build reads version {Version}).");
        }

        var optimizer = Text(path, meta, "optimizer");
        if (optimizer != trainer.Optimizer.Name)
        {
            throw new InvalidDataException($"{path}: the checkpoint was written by the '{optimizer}' optimizer, but this trainer uses '{trainer.Optimizer.Name}'.");
        }

        var loss = Text(path, meta, "loss");
        if (loss != trainer.Loss.Name)
        {
            throw new InvalidDataException($"{path}: the checkpoint was written with the '{loss}' loss, but this trainer uses '{trainer.Loss.Name}'.");
        }

        var seed = Int(path, meta, "loader_seed", int.MinValue);
        var batchSize = Int(path, meta, "batch_size", 1);
        if (seed != trainer.Loader.Seed || batchSize != trainer.Loader.BatchSize)
        {
            throw new InvalidDataException(
                $"{path}: the checkpoint was written with loader seed {seed} and batch size {batchSize}, but this trainer's loader has seed " +
                $"{trainer.Loader.Seed} and batch size {trainer.Loader.BatchSize}; resuming would not continue the same run.");
        }

        CheckpointRun.CompareOptions(path, meta, trainer);

        var position = new CheckpointPosition(
            Int(path, meta, "epoch"), Int(path, meta, "batch"), Long(path, meta, "step"), Double(path, meta, "epoch_loss_sum"),
            Long(path, meta, "epoch_correct"), Long(path, meta, "epoch_seen"), Double(path, meta, "epoch_seconds"),
            Double(path, meta, "best", allowInfinity: true), Int(path, meta, "bad_epochs"), Text(path, meta, "early_stopped") == "true",
            // Checkpoints written before class-weighted means: the weight of an unweighted epoch is its sample count.
            meta.ContainsKey("epoch_weight_sum") ? Double(path, meta, "epoch_weight_sum") : Long(path, meta, "epoch_seen"));
        if (position.EpochSeconds < 0 || position.WeightSum < 0)
        {
            throw new InvalidDataException(
                $"{path}: metadata 'epoch_seconds' and 'epoch_weight_sum' must be ≥ 0, got {Str(position.EpochSeconds)} and {Str(position.WeightSum)}.");
        }

        if (position.Batch < 0 || position.Batch > trainer.Loader.BatchesPerEpoch || position.Epoch < 0)
        {
            throw new InvalidDataException($"{path}: position epoch {position.Epoch}, batch {position.Batch} is out of range for this loader.");
        }

        var model = FromSafetensors(path, content, "model.", trainer.Model);
        var optim = new Dictionary<string, Tensor>();
        Dictionary<string, Tensor>? best = null;
        var expected = trainer.Model.StateDict();
        foreach (var t in content.Tensors)
        {
            if (t.Name.StartsWith("optim.", StringComparison.Ordinal))
            {
                optim[t.Name["optim.".Length..]] = ToTensor(path, t);
            }
            else if (t.Name.StartsWith("best.", StringComparison.Ordinal))
            {
                (best ??= [])[t.Name["best.".Length..]] = ToTensor(path, t);
            }
            else if (!t.Name.StartsWith("model.", StringComparison.Ordinal) || !expected.ContainsKey(t.Name["model.".Length..]))
            {
                // PyTorch's strict loading: a tensor nothing reads means the file is not what this trainer wrote.
                throw new InvalidDataException(
                    $"{path}: unexpected tensor {CheckpointRun.Clip(t.Name)}: this trainer reads model.NAME for its state dictionary's names, optim.KEY and best.NAME.");
            }
        }

        CheckpointRun.CompareRun(path, meta, trainer);
        CheckpointState.CheckModel(path, "model.", model);
        if (best is not null)
        {
            CheckpointState.CheckBest(path, best, expected);
        }

        CheckpointState.CheckOptimizer(path, optim, trainer.Optimizer);

        var history = ParseHistory(path, Text(path, meta, "history"));
        var dropouts = Dropouts(trainer.Model, "").ToList();
        foreach (var key in meta.Keys)
        {
            if ((key.StartsWith("dropout.", StringComparison.Ordinal) || key.StartsWith("dropout_seed.", StringComparison.Ordinal))
                && !dropouts.Exists(d => key == "dropout." + d.Path || key == "dropout_seed." + d.Path))
            {
                throw new InvalidDataException($"{path}: unexpected metadata {CheckpointRun.Clip(key)}: this model has no dropout module at that path.");
            }
        }

        var calls = new long[dropouts.Count];
        var seeds = new ulong[dropouts.Count];
        for (var i = 0; i < dropouts.Count; i++)
        {
            calls[i] = Long(path, meta, "dropout." + dropouts[i].Path);
            var seedText = Text(path, meta, "dropout_seed." + dropouts[i].Path);
            if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seeds[i]))
            {
                throw new InvalidDataException($"{path}: metadata 'dropout_seed.{dropouts[i].Path}' = '{seedText}' is not a seed.");
            }
        }

        // Everything parsed and checked: now change the trainer.
        Wrap(path, () => trainer.Model.LoadStateDict(model));
        Wrap(path, () => trainer.Optimizer.LoadStateDict(optim));
        for (var i = 0; i < dropouts.Count; i++)
        {
            dropouts[i].Module.Calls = calls[i];
            dropouts[i].Module.Seed = seeds[i];
        }

        trainer.BestWeights = best;
        trainer.Position = position;
        trainer.MutableHistory.Clear();
        trainer.MutableHistory.AddRange(history);
    }

    private static IEnumerable<SafetensorsTensor> ToSafetensors(string prefix, IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (name, t) in state)
        {
            var shape = t.Shape.Dims.ToArray();
            yield return t.DType switch
            {
                DType.Float32 => SafetensorsTensor.FromSingles(prefix + name, shape, t.ToFloatArray()),
                // Integer and boolean buffers (step counters, masks) round-trip as I64 and BOOL.
                DType.Int64 => SafetensorsTensor.FromInt64(prefix + name, shape, t.ToInt64Array()),
                DType.Bool => new SafetensorsTensor(prefix + name, SafetensorsDType.Bool, shape, Array.ConvertAll(t.ToBoolArray(), b => b ? (byte)1 : (byte)0)),
                _ => SafetensorsTensor.FromDoubles(prefix + name, shape, t.ToDoubleArray()),
            };
        }
    }

    private static Dictionary<string, Tensor> FromSafetensors(string path, SafetensorsContent content, string prefix, Module model)
    {
        var state = new Dictionary<string, Tensor>();
        // The whole state dictionary: parameters and persistent buffers (running statistics and the like).
        foreach (var (name, p) in model.StateDict())
        {
            if (!content.TryGetTensor(prefix + name, out var t))
            {
                throw new InvalidDataException($"{path}: no tensor '{prefix + name}' for the model's state entry '{name}' (shape {p.Shape}).");
            }

            var tensor = ToTensor(path, t, p.DType);
            if (tensor.Shape != p.Shape)
            {
                throw new InvalidDataException($"{path}: tensor '{prefix + name}' has shape {tensor.Shape} but the model's '{name}' has shape {p.Shape}.");
            }

            state[name] = tensor;
        }

        return state;
    }

    private static Tensor ToTensor(string path, SafetensorsTensor t, DType? want = null)
    {
        var shape = new Shape(t.Shape.ToArray());
        // Converted on load where the model needs it (a PyTorch F16/BF16 state_dict into a float32 model); integer and
        // BOOL entries stay integers unless the model's entry is floating point.
        var dtype = want ?? t.DType switch
        {
            SafetensorsDType.F64 => DType.Float64,
            SafetensorsDType.Bool => DType.Bool,
            _ when t.IsFloatingPoint => DType.Float32,
            _ => DType.Int64,
        };
        try
        {
            return dtype switch
            {
                DType.Float32 when t.DType == SafetensorsDType.F32 => Tensor.FromArray(t.ToSingles(), shape).DetachFromScope(),
                DType.Float64 when t.DType == SafetensorsDType.F64 => Tensor.FromArray(t.ToDoubles(), shape).DetachFromScope(),
                DType.Float32 => Tensor.FromArray(Array.ConvertAll(t.ToDoublesConverted(), v => (float)v), shape).DetachFromScope(),
                DType.Float64 => Tensor.FromArray(t.ToDoublesConverted(), shape).DetachFromScope(),
                DType.Int64 => Tensor.FromArray(t.ToInt64Converted(), shape).DetachFromScope(),
                DType.Bool when t.DType == SafetensorsDType.Bool => Tensor.FromArray(Array.ConvertAll(t.ToInt64Converted(), v => v != 0), shape).DetachFromScope(),
                _ => throw new InvalidDataException($"{path}: tensor '{t.Name}' is {SafetensorsDTypes.HeaderName(t.DType)}; the model's entry is {dtype}, which it does not convert to."),
            };
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"{path}: tensor '{t.Name}': {e.Message} (the model's entry is {dtype}).", e);
        }
    }

    private static List<EpochMetrics> ParseHistory(string path, string json)
    {
        try
        {
            var rows = JsonSerializer.Deserialize<string[][]>(json) ?? [];
            var list = new List<EpochMetrics>(rows.Length);
            foreach (var r in rows)
            {
                if (r is null || r.Length != 8)
                {
                    throw new InvalidDataException($"{path}: a history row {(r is null ? "is null" : $"has {r.Length} fields")}, expected 8 fields.");
                }

                if (Array.IndexOf(r, null) is var missing and >= 0)
                {
                    throw new InvalidDataException($"{path}: history field {missing} of epoch row {list.Count} is null.");
                }

                double F(int i) => double.Parse(r[i], CultureInfo.InvariantCulture);
                list.Add(new EpochMetrics((int)F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7)));
            }

            return list;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidDataException($"{path}: the 'history' metadata is malformed: {e.Message}", e);
        }
    }

    private static IEnumerable<(string Path, Dropout Module)> Dropouts(Module module, string prefix)
    {
        if (module is Dropout dropout)
        {
            yield return (prefix.Length == 0 ? "root" : prefix.TrimEnd('.'), dropout);
        }

        foreach (var (name, child) in module.Children)
        {
            foreach (var item in Dropouts(child, prefix + name + "."))
            {
                yield return item;
            }
        }
    }

    private static void Wrap(string path, Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static string Str(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string path, IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: the checkpoint has no '{key}' metadata.");

    private static long Long(string path, IReadOnlyDictionary<string, string> meta, string key, long min = 0, long max = long.MaxValue)
    {
        var text = Text(path, meta, key);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            throw new InvalidDataException($"{path}: metadata '{key}' = {CheckpointRun.Clip(text)} is not a whole number in [{min}, {max}].");
        }

        return v >= min && v <= max
            ? v
            : throw new InvalidDataException($"{path}: metadata '{key}' = {v} is out of range: expected a whole number in [{min}, {max}].");
    }

    private static int Int(string path, IReadOnlyDictionary<string, string> meta, string key, int min = 0) =>
        (int)Long(path, meta, key, min, int.MaxValue);

    private static double Double(string path, IReadOnlyDictionary<string, string> meta, string key, bool allowInfinity = false)
    {
        var text = Text(path, meta, key);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            throw new InvalidDataException($"{path}: metadata '{key}' = {CheckpointRun.Clip(text)} is not a number.");
        }

        return double.IsFinite(v) || (allowInfinity && double.IsPositiveInfinity(v))
            ? v
            : throw new InvalidDataException($"{path}: metadata '{key}' = {text} is not a finite number.");
    }
}
