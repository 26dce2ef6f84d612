namespace Gradwire.NN;

/// <summary>What a <see cref="Loss"/>'s target tensor holds.</summary>
public enum LossTarget
{
    /// <summary>Values shaped like the input (regression targets, probabilities, 0/1 for BCE).</summary>
    Values,

    /// <summary>One class index per row (cross-entropy, NLL, multiclass SVM).</summary>
    ClassIndices,

    /// <summary>±1 per sample (binary hinge losses: class 1 is +1, class 0 is −1).</summary>
    Signs,
}
