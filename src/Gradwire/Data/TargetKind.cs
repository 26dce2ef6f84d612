namespace Gradwire.Data;

/// <summary>What a <see cref="Dataset"/> asks a model to predict.</summary>
public enum TargetKind
{
    /// <summary>One class index per sample, in <c>[0, ClassCount)</c>: <see cref="Dataset.Labels"/>.</summary>
    ClassLabels,

    /// <summary>A float32 vector per sample, of shape <see cref="Dataset.TargetShape"/>: <see cref="Dataset.Targets"/>.</summary>
    Regression,
}
