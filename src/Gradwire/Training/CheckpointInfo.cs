using System.Globalization;
using System.Text.Json;
using Gradwire.Data;

namespace Gradwire.Training;

/// <summary>
/// <see cref="ModelInfo"/> as safetensors metadata: <c>info.model_spec</c>, <c>info.input_shape</c> (JSON array),
/// <c>info.outputs</c>, <c>info.loss</c>, <c>info.task</c> (<c>classification</c> or <c>regression</c>),
/// <c>info.dataset</c>, <c>info.classes</c>, <c>info.features</c> (JSON arrays of strings), <c>info.target</c>,
/// <c>info.standardizer.mean</c> and <c>info.standardizer.scale</c> (JSON arrays of numbers), <c>info.image_scale</c>,
/// <c>info.gradwire_version</c>. Optional keys are left out when null.
/// </summary>
internal static class CheckpointInfo
{
    public static Dictionary<string, string> Describe(ModelInfo info)
    {
        var c = CultureInfo.InvariantCulture;
        var meta = new Dictionary<string, string>
        {
            ["info.model_spec"] = info.ModelSpec,
            ["info.input_shape"] = JsonSerializer.Serialize(info.InputShape),
            ["info.outputs"] = info.Outputs.ToString(c),
            ["info.loss"] = info.Loss,
            ["info.task"] = info.Task == TargetKind.ClassLabels ? "classification" : "regression",
            ["info.gradwire_version"] = info.GradwireVersion,
        };
        if (info.Dataset is not null) meta["info.dataset"] = info.Dataset;
        if (info.ClassNames is not null) meta["info.classes"] = JsonSerializer.Serialize(info.ClassNames);
        if (info.FeatureNames is not null) meta["info.features"] = JsonSerializer.Serialize(info.FeatureNames);
        if (info.TargetName is not null) meta["info.target"] = info.TargetName;
        if (info.Standardizer is { } s)
        {
            meta["info.standardizer.mean"] = JsonSerializer.Serialize(s.Mean);
            meta["info.standardizer.scale"] = JsonSerializer.Serialize(s.Scale);
        }

        if (info.ImageScale is { } scale) meta["info.image_scale"] = scale.ToString("R", c);
        return meta;
    }

    public static ModelInfo Parse(string path, IReadOnlyDictionary<string, string> meta)
    {
        if (!meta.TryGetValue("info.model_spec", out var spec))
        {
            throw new InvalidDataException(
                $"{path}: the file records no model information (no 'info.model_spec' metadata): it was written by SaveWeights, by another " +
                "library, or by a Gradwire older than checkpoints with model information. Build the model yourself and load the weights with " +
                "Checkpoint.LoadWeights(path, model), or retrain with this version.");
        }

        var task = Get(path, meta, "info.task") switch
        {
            "classification" => TargetKind.ClassLabels,
            "regression" => TargetKind.Regression,
            var other => throw new InvalidDataException($"{path}: metadata 'info.task' is {Clip(other)}; expected 'classification' or 'regression'."),
        };
        var shape = Json<int[]>(path, meta, "info.input_shape");
        if (shape.Length == 0 || Array.Exists(shape, d => d < 1))
        {
            throw new InvalidDataException($"{path}: metadata 'info.input_shape' is [{string.Join(", ", shape)}]; expected dims ≥ 1.");
        }

        var outputsText = Get(path, meta, "info.outputs");
        if (!int.TryParse(outputsText, NumberStyles.None, CultureInfo.InvariantCulture, out var outputs) || outputs < 1)
        {
            throw new InvalidDataException($"{path}: metadata 'info.outputs' is {Clip(outputsText)}; expected a whole number ≥ 1.");
        }

        var classes = meta.ContainsKey("info.classes") ? Json<string[]>(path, meta, "info.classes") : null;
        if (classes is not null && task == TargetKind.ClassLabels && classes.Length != Math.Max(outputs, 2) && outputs != 1)
        {
            throw new InvalidDataException($"{path}: metadata 'info.classes' names {classes.Length} classes but the model has {outputs} outputs.");
        }

        Standardizer? standardizer = null;
        if (meta.ContainsKey("info.standardizer.mean") || meta.ContainsKey("info.standardizer.scale"))
        {
            try
            {
                standardizer = Standardizer.FromParameters(Json<float[]>(path, meta, "info.standardizer.mean"), Json<float[]>(path, meta, "info.standardizer.scale"));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: metadata 'info.standardizer.*': {e.Message}", e);
            }

            if (standardizer.Mean.Count != Numel(shape))
            {
                throw new InvalidDataException($"{path}: the standardizer has {standardizer.Mean.Count} features but samples have shape [{string.Join(", ", shape)}].");
            }
        }

        double? imageScale = null;
        if (meta.TryGetValue("info.image_scale", out var scaleText))
        {
            imageScale = double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v > 0
                ? v
                : throw new InvalidDataException($"{path}: metadata 'info.image_scale' is {Clip(scaleText)}; expected a finite number > 0.");
        }

        return new ModelInfo
        {
            ModelSpec = spec,
            InputShape = shape,
            Outputs = outputs,
            Loss = Get(path, meta, "info.loss"),
            Task = task,
            Dataset = meta.GetValueOrDefault("info.dataset"),
            ClassNames = classes,
            FeatureNames = meta.ContainsKey("info.features") ? Json<string[]>(path, meta, "info.features") : null,
            TargetName = meta.GetValueOrDefault("info.target"),
            Standardizer = standardizer,
            ImageScale = imageScale,
            GradwireVersion = meta.GetValueOrDefault("info.gradwire_version") ?? "unknown",
        };
    }

    private static long Numel(int[] shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    private static string Get(string path, IReadOnlyDictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: the model information lacks '{key}' metadata.");

    private static T Json<T>(string path, IReadOnlyDictionary<string, string> meta, string key)
        where T : class
    {
        var text = Get(path, meta, key);
        try
        {
            var value = JsonSerializer.Deserialize<T>(text) ?? throw new InvalidDataException($"{path}: metadata '{key}' is null.");
            return value is string[] names && Array.IndexOf(names, null) >= 0
                ? throw new InvalidDataException($"{path}: metadata '{key}' has a null entry; expected strings.")
                : value;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: metadata '{key}' = {Clip(text)} is not a JSON {(typeof(T) == typeof(string[]) ? "array of strings" : "array of numbers")}.", e);
        }
    }

    private static string Clip(string text) => CheckpointRun.Clip(text);
}
