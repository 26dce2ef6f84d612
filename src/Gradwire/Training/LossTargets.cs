using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>Builds a loss's target tensor from a <see cref="Batch"/>, by what the loss expects (<see cref="Loss.Target"/>).</summary>
internal static class LossTargets
{
    /// <summary>
    /// The target of <paramref name="loss"/> for <paramref name="output"/> on <paramref name="batch"/>: class indices as the
    /// batch's int64 label tensor (PyTorch's target dtype), everything else in the output's dtype.
    /// </summary>
    /// <exception cref="ArgumentException">The loss needs class labels but the batch has regression targets.</exception>
    public static Tensor For(Loss loss, Tensor output, Batch batch)
    {
        Tensor t;
        switch (loss.Target)
        {
            case LossTarget.ClassIndices:
                RequireLabels(batch, loss.Name);
                return batch.LabelTensor!;
            case LossTarget.Signs:
                RequireLabels(batch, loss.Name);
                var signs = new float[batch.Size];
                for (var i = 0; i < signs.Length; i++)
                {
                    signs[i] = batch.Labels[i] == 0 ? -1 : 1;
                }

                t = Tensor.FromArray(signs, new Shape(batch.Size, 1));
                break;
            default:
                t = Values(output, batch);
                break;
        }

        return t.DType == output.DType ? t : t.To(output.DType);
    }

    /// <summary>
    /// Regression targets as a tensor shaped like <paramref name="output"/>; for class labels, the label itself
    /// (one output) or its one-hot row (several outputs).
    /// </summary>
    private static Tensor Values(Tensor output, Batch batch)
    {
        if (batch.Labels.Length == 0)
        {
            return Tensor.FromArray(batch.Targets, new Shape(batch.TargetShape));
        }

        var columns = output.Numel / Math.Max(batch.Size, 1);
        if (columns != 1)
        {
            return Tensor.OneHot(batch.Labels, columns);
        }

        var values = new float[batch.Size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = batch.Labels[i];
        }

        return Tensor.FromArray(values, output.Shape);
    }

    private static void RequireLabels(Batch batch, string loss)
    {
        if (batch.Labels.Length != batch.Size)
        {
            throw new ArgumentException($"{loss}: this loss needs class labels, but the dataset has regression targets (use mse, l1, huber or smooth-l1).");
        }
    }
}
