using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>
/// Turns a classifier's outputs into predicted classes: the argmax of each row, or for a single output per row a
/// threshold (0 for scores and logits, 0.5 for outputs trained by a regression loss against 0/1 labels).
/// </summary>
public static class Prediction
{
    /// <summary>The threshold for single-output classifiers trained with <paramref name="loss"/>: 0.5 for regression losses on 0/1 labels, else 0.</summary>
    public static double Threshold(Loss loss) => loss is MseLoss or HuberLoss or L1Loss or SmoothL1Loss ? 0.5 : 0;

    /// <summary>Writes the predicted class of each row of <paramref name="output"/> ([batch, k]) to <paramref name="classes"/>.</summary>
    /// <param name="output">Scores, [batch, k] (or [batch] / [batch, 1] for one output per row).</param>
    /// <param name="classes">Receives one class per row.</param>
    /// <param name="threshold">For one output per row: values above it are class 1.</param>
    public static void Classes(Tensor output, Span<int> classes, double threshold = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = output.Rank == 0 ? 1 : output.ShapeArray[0];
        var columns = rows == 0 ? 0 : output.Numel / rows;
        if (classes.Length < rows)
        {
            throw new ArgumentException($"Prediction.Classes: {classes.Length} slots for {rows} rows of output {output.Shape}.");
        }

        ReadOnlySpan<float> values = output.DType == DType.Float32 && output.IsContiguous
            ? output.AsReadOnlySpan<float>()
            : output.ToFloatArray();
        for (var r = 0; r < rows; r++)
        {
            if (columns == 1)
            {
                classes[r] = values[r] > threshold ? 1 : 0;
                continue;
            }

            var best = 0;
            for (var c = 1; c < columns; c++)
            {
                if (values[r * columns + c] > values[r * columns + best])
                {
                    best = c;
                }
            }

            classes[r] = best;
        }
    }

    /// <summary>The fraction of rows of <paramref name="output"/> whose predicted class equals <paramref name="labels"/>.</summary>
    public static double Accuracy(Tensor output, ReadOnlySpan<int> labels, double threshold = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (labels.IsEmpty)
        {
            return double.NaN;
        }

        var predicted = new int[labels.Length];
        Classes(output, predicted, threshold);
        var right = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (predicted[i] == labels[i])
            {
                right++;
            }
        }

        return (double)right / labels.Length;
    }
}
