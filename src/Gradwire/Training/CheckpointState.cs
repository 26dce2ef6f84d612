using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>
/// Checks on the tensors of a checkpoint before any of them reaches the trainer: finite values, best weights that
/// fit the model, and an optimizer state that is complete and in range. Every message names the file and the key.
/// </summary>
internal static class CheckpointState
{
    /// <summary>Every tensor of <paramref name="state"/> (read under <paramref name="prefix"/>) holds only finite numbers.</summary>
    public static void CheckModel(string path, string prefix, IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (name, t) in state)
        {
            CheckFinite(path, prefix + name, t);
        }
    }

    /// <summary>Early stopping's best weights have exactly the model's names and shapes, and finite values.</summary>
    public static void CheckBest(string path, IReadOnlyDictionary<string, Tensor> best, IReadOnlyDictionary<string, Tensor> expected)
    {
        foreach (var (name, t) in best)
        {
            if (!expected.TryGetValue(name, out var want))
            {
                throw new InvalidDataException($"{path}: unexpected tensor {CheckpointRun.Clip("best." + name)}: the model has no '{name}'.");
            }

            if (t.Shape != want.Shape)
            {
                throw new InvalidDataException($"{path}: tensor 'best.{name}' has shape {t.Shape} but the model's '{name}' has shape {want.Shape}.");
            }

            CheckFinite(path, "best." + name, t);
        }

        foreach (var (name, want) in expected)
        {
            if (!best.ContainsKey(name))
            {
                throw new InvalidDataException($"{path}: the best weights have no tensor 'best.{name}' (the model's '{name}', shape {want.Shape}).");
            }
        }
    }

    /// <summary>
    /// The optimizer state: <c>optim.lr</c> finite and &gt; 0, step counts whole and ≥ 0, every buffer an updated
    /// parameter needs present (Adam's two moments, SGD's velocity with momentum, ...), no buffer this optimizer
    /// does not keep, sums of squares ≥ 0, everything finite.
    /// </summary>
    public static void CheckOptimizer(string path, IReadOnlyDictionary<string, Tensor> state, Optimizer optimizer)
    {
        foreach (var key in new[] { "lr", "step" })
        {
            if (!state.TryGetValue(key, out var scalar))
            {
                throw new InvalidDataException($"{path}: the optimizer state has no tensor 'optim.{key}'.");
            }

            var value = Scalar(path, "optim." + key, scalar);
            if (key == "lr" ? !(value > 0) || double.IsInfinity(value) : !IsCount(value))
            {
                throw new InvalidDataException(
                    $"{path}: tensor 'optim.{key}' is {value}; expected {(key == "lr" ? "a finite learning rate > 0" : "a whole number of steps ≥ 0")}.");
            }
        }

        var buffers = CheckpointRun.ExpectedBuffers(optimizer);
        var lbfgs = optimizer is Lbfgs;
        for (var i = 0; i < optimizer.Parameters.Count; i++)
        {
            if (state.TryGetValue($"{i}.step", out var step))
            {
                var steps = Scalar(path, $"optim.{i}.step", step);
                if (!IsCount(steps))
                {
                    throw new InvalidDataException($"{path}: tensor 'optim.{i}.step' is {steps}; expected a whole number of steps ≥ 0.");
                }

                if (steps > 0)
                {
                    foreach (var buffer in buffers)
                    {
                        if (!state.ContainsKey($"{i}.{buffer}"))
                        {
                            throw new InvalidDataException(
                                $"{path}: the optimizer state has no tensor 'optim.{i}.{buffer}' for parameter {i}, updated {steps} times; " +
                                $"{optimizer.Name} would restart it at zero, so this is not the run that was saved.");
                        }
                    }
                }
            }
        }

        foreach (var (key, t) in state)
        {
            CheckFinite(path, "optim." + key, t);
            if (key is "lr" or "step" || (lbfgs && key.StartsWith("lbfgs.", StringComparison.Ordinal)))
            {
                continue;
            }

            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var buffer = dot < 0 ? key : key[(dot + 1)..];
            if (buffer == "step")
            {
                continue;
            }

            if (Array.IndexOf(buffers, buffer) < 0)
            {
                throw new InvalidDataException(
                    $"{path}: unexpected tensor {CheckpointRun.Clip("optim." + key)}: {CheckpointRun.OptimizerVariant(optimizer)} keeps " +
                    (buffers.Length == 0 ? "no per-parameter buffers." : $"only {string.Join(", ", buffers)} per parameter."));
            }

            if (CheckpointRun.IsNonNegative(buffer))
            {
                var values = t.ToDoubleArray();
                for (var j = 0; j < values.Length; j++)
                {
                    if (values[j] < 0)
                    {
                        throw new InvalidDataException(
                            $"{path}: tensor 'optim.{key}' has {values[j]} at index {j}; a running sum or average of squares is ≥ 0.");
                    }
                }
            }
        }
    }

    private static bool IsCount(double value) => value >= 0 && value <= long.MaxValue && Math.Floor(value) == value;

    private static double Scalar(string path, string key, Tensor t) =>
        t.Numel == 1 ? t.Item() : throw new InvalidDataException($"{path}: tensor '{key}' must be a scalar, got shape {t.Shape}.");

    private static void CheckFinite(string path, string key, Tensor t)
    {
        var values = t.ToDoubleArray();
        for (var j = 0; j < values.Length; j++)
        {
            if (!double.IsFinite(values[j]))
            {
                throw new InvalidDataException($"{path}: tensor '{key}' has {values[j]} at index {j}; a checkpoint holds finite numbers only.");
            }
        }
    }
}
