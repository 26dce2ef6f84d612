namespace Gradwire.Data;

/// <summary>Per-class loss weights for unbalanced data.</summary>
public static class ClassWeights
{
    /// <summary>
    /// Inverse-frequency weights normalized like scikit-learn's <c>class_weight="balanced"</c>:
    /// <c>w_c = n / (C · n_c)</c>, where n is the number of labels, <c>n_c</c> the count of class c and C the number
    /// of classes present. A balanced dataset gets all ones; <c>Σ_c n_c·w_c = n</c>, so the mean sample weight is 1.
    /// A class with no sample gets weight 0 (it contributes no loss anyway).
    /// </summary>
    /// <param name="labels">Class labels, each in <c>[0, classCount)</c>.</param>
    /// <param name="classCount">Number of classes.</param>
    public static float[] Balanced(ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (labels.IsEmpty) throw new ArgumentException("Class weights need at least one label.", nameof(labels));
        var counts = new int[classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Label {labels[i]} at position {i} is outside [0, {classCount}).", nameof(labels));
            counts[labels[i]]++;
        }

        int present = 0;
        foreach (int c in counts) if (c > 0) present++;
        var weights = new float[classCount];
        for (int c = 0; c < classCount; c++)
            weights[c] = counts[c] == 0 ? 0f : (float)((double)labels.Length / ((double)present * counts[c]));
        return weights;
    }

    /// <summary>Balanced weights of a classification dataset's labels (see <see cref="Balanced(ReadOnlySpan{int}, int)"/>).</summary>
    public static float[] Balanced(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Balanced(dataset.Labels, dataset.ClassCount);
    }
}
