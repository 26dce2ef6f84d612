using System.Globalization;
using Gradwire.Data;
using Gradwire.Optim;

namespace Gradwire.Training;

/// <summary>
/// What makes a checkpoint "the same run": the <c>run.*</c> metadata a checkpoint records (the model's module
/// tree, the optimizer variant with its hyper-parameters, the regularization, a fingerprint of the training set,
/// and the caller's <see cref="Trainer.RunOptions"/>), and the comparison that refuses to resume anything else.
/// </summary>
/// <remarks>
/// A checkpoint written before these keys existed has none of them and is compared on the older fields only
/// (optimizer and loss names, loader seed and batch size, tensor shapes).
/// </remarks>
internal static class CheckpointRun
{
    /// <summary>The prefix of the caller's options in the metadata.</summary>
    public const string OptionPrefix = "run.option.";

    /// <summary>How many leading samples the dataset fingerprint hashes.</summary>
    internal const int FingerprintSamples = 256;

    /// <summary>The <c>run.*</c> metadata of <paramref name="trainer"/>.</summary>
    public static Dictionary<string, string> Describe(Trainer trainer)
    {
        var data = trainer.Loader.Dataset;
        var meta = new Dictionary<string, string>
        {
            ["run.model"] = OneLine(trainer.Model.ToString()),
            ["run.optimizer"] = OptimizerVariant(trainer.Optimizer),
            ["run.regularization"] = string.Create(CultureInfo.InvariantCulture,
                $"L1={trainer.L1:R}, L2={trainer.L2:R}, ClipNorm={trainer.ClipNorm:R}, ClipValue={trainer.ClipValue:R}"),
            ["run.dataset"] = DatasetFingerprint(data),
        };
        foreach (var (key, value) in trainer.RunOptions)
        {
            meta[OptionPrefix + key] = value;
        }

        return meta;
    }

    /// <summary>Throws unless every <c>run.option.*</c> entry the checkpoint has matches <paramref name="trainer"/>'s <see cref="Trainer.RunOptions"/>.</summary>
    /// <remarks>Checked first, before shapes and fingerprints: an option names what to change on the command line.</remarks>
    public static void CompareOptions(string path, IReadOnlyDictionary<string, string> meta, Trainer trainer)
    {
        var mine = Describe(trainer);
        var recorded = meta.Keys.Where(k => k.StartsWith(OptionPrefix, StringComparison.Ordinal)).ToList();
        // None recorded: written before options were recorded, or by a caller that records none.
        foreach (var key in recorded.Count == 0 ? Enumerable.Empty<string>() : recorded.Concat(mine.Keys.Where(k => k.StartsWith(OptionPrefix, StringComparison.Ordinal))).Distinct())
        {
            var option = key[OptionPrefix.Length..];
            var theirs = meta.TryGetValue(key, out var t) ? t : "(not recorded)";
            var ours = mine.TryGetValue(key, out var o) ? o : "(not set)";
            if (theirs != ours)
            {
                throw new InvalidDataException(
                    $"{path}: the checkpoint's run has {option} {Clip(theirs)}, but this run has {option} {Clip(ours)}; " +
                    $"give the options of the run that wrote the checkpoint, or start a new run without resuming.");
            }
        }

    }

    /// <summary>Throws unless the checkpoint's model tree, optimizer variant, regularization and dataset fingerprint (where recorded) match.</summary>
    public static void CompareRun(string path, IReadOnlyDictionary<string, string> meta, Trainer trainer)
    {
        var mine = Describe(trainer);
        foreach (var (key, what) in new[]
                 {
                     ("run.model", "model"), ("run.optimizer", "optimizer variant"), ("run.regularization", "regularization"),
                     ("run.dataset", "training dataset (name, sample count, hash of the first samples)"),
                 })
        {
            if (meta.TryGetValue(key, out var theirs) && theirs != mine[key])
            {
                throw new InvalidDataException(
                    $"{path}: metadata '{key}': the checkpoint's {what} is {Clip(theirs)}, but this trainer's is {Clip(mine[key])}; resuming would not continue the same run.");
            }
        }
    }

    /// <summary>The optimizer's name and every hyper-parameter that changes its rule (not the learning rate, which schedules move).</summary>
    public static string OptimizerVariant(Optimizer optimizer)
    {
        var c = CultureInfo.InvariantCulture;
        return optimizer switch
        {
            Sgd s => string.Create(c,
                $"{(s.Nesterov ? "nesterov" : s.Momentum > 0 ? "momentum" : "plain")} sgd (momentum={s.Momentum:R}, nesterov={(s.Nesterov ? "true" : "false")}, dampening={s.Dampening:R}, weight_decay={s.WeightDecay:R})"),
            Adam a => string.Create(c, $"{a.Name} (beta1={a.Beta1:R}, beta2={a.Beta2:R}, eps={a.Epsilon:R}, weight_decay={a.WeightDecay:R})"),
            Adagrad a => string.Create(c, $"adagrad (eps={a.Epsilon:R}, weight_decay={a.WeightDecay:R})"),
            Adadelta a => string.Create(c, $"adadelta (rho={a.Rho:R}, eps={a.Epsilon:R}, weight_decay={a.WeightDecay:R})"),
            RmsProp r => string.Create(c, $"rmsprop (decay={r.Decay:R}, eps={r.Epsilon:R}, clip={r.Clip:R}, weight_decay={r.WeightDecay:R})"),
            Lbfgs l => string.Create(c,
                $"lbfgs (max_iterations={l.MaxIterations}, history_size={l.HistorySize}, tolerance_grad={l.ToleranceGrad:R}, tolerance_change={l.ToleranceChange:R})"),
            _ => optimizer.Name,
        };
    }

    /// <summary>
    /// The buffers each updated parameter must have in this optimizer's state (PyTorch's names); an updated
    /// parameter without one would silently restart it at zero.
    /// </summary>
    public static string[] ExpectedBuffers(Optimizer optimizer) => optimizer switch
    {
        Sgd s => s.Momentum > 0 ? ["momentum_buffer"] : [],
        Adam => ["exp_avg", "exp_avg_sq"],
        Adagrad => ["sum"],
        Adadelta => ["square_avg", "acc_delta"],
        RmsProp => ["square_avg"],
        _ => [],
    };

    /// <summary>Buffers that are sums or averages of squares: never negative.</summary>
    public static bool IsNonNegative(string buffer) => buffer is "exp_avg_sq" or "sum" or "square_avg" or "acc_delta";

    /// <summary><c>NAME, COUNT samples, fnv1a64=HASH</c> over the first <see cref="FingerprintSamples"/> samples' features and targets.</summary>
    public static string DatasetFingerprint(Dataset data)
    {
        var hash = 14695981039346656037UL;
        var n = Math.Min(data.Count, FingerprintSamples);
        for (var i = 0; i < n; i++)
        {
            foreach (var f in data.GetFeatures(i))
            {
                hash = Mix(hash, BitConverter.SingleToUInt32Bits(f));
            }

            if (data.TargetKind == TargetKind.ClassLabels)
            {
                hash = Mix(hash, (uint)data.GetLabel(i));
            }
            else
            {
                foreach (var t in data.GetTarget(i))
                {
                    hash = Mix(hash, BitConverter.SingleToUInt32Bits(t));
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{data.Name}, {data.Count} samples, fnv1a64={hash:x16}");
    }

    private static ulong Mix(ulong hash, uint word)
    {
        for (var b = 0; b < 4; b++)
        {
            hash = (hash ^ ((word >> (8 * b)) & 0xFF)) * 1099511628211UL;
        }

        return hash;
    }

    private static string OneLine(string text) => string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Quotes <paramref name="value"/>, cut to 200 characters: a message never echoes megabytes of a crafted file.</summary>
    internal static string Clip(string value) => value.Length <= 200 ? $"'{value}'" : $"'{value[..200]}…' ({value.Length} characters)";
}
