using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>A model's loss and accuracy on a dataset, with the confusion matrix for classifiers.</summary>
public sealed class Evaluation
{
    internal Evaluation(double loss, int count, int[,]? confusion)
    {
        Loss = loss;
        Count = count;
        Confusion = confusion;
        if (confusion is null)
        {
            Accuracy = double.NaN;
            return;
        }

        var right = 0;
        for (var i = 0; i < confusion.GetLength(0); i++)
        {
            right += confusion[i, i];
        }

        Accuracy = count == 0 ? double.NaN : (double)right / count;
    }

    /// <summary>Mean loss over the samples.</summary>
    public double Loss { get; }

    /// <summary>Fraction classified right (NaN for regression).</summary>
    public double Accuracy { get; }

    /// <summary>Samples evaluated.</summary>
    public int Count { get; }

    /// <summary><c>Confusion[true, predicted]</c> counts, or null for regression.</summary>
    public int[,]? Confusion { get; }

    /// <summary>For each class, the fraction of its samples classified right (NaN for a class with no samples).</summary>
    public double[] PerClassAccuracy()
    {
        if (Confusion is null)
        {
            return [];
        }

        var k = Confusion.GetLength(0);
        var result = new double[k];
        for (var i = 0; i < k; i++)
        {
            var total = 0;
            for (var j = 0; j < k; j++)
            {
                total += Confusion[i, j];
            }

            result[i] = total == 0 ? double.NaN : (double)Confusion[i, i] / total;
        }

        return result;
    }

    /// <summary>
    /// Runs <paramref name="model"/> over <paramref name="data"/> in evaluation mode without recording, in batches
    /// of <paramref name="batchSize"/>, and measures <paramref name="loss"/> and, for labelled data, accuracy.
    /// The model's training mode is restored afterwards.
    /// </summary>
    public static Evaluation Run(Module<Tensor, Tensor> model, Loss loss, Dataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        if (loss.Reduction != Reduction.Mean)
        {
            throw new ArgumentException($"Evaluation: the '{loss.Name}' loss has reduction {loss.Reduction}; batch means are combined, so give it Reduction.Mean.", nameof(loss));
        }

        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            var classes = data.TargetKind == TargetKind.ClassLabels ? Math.Max(data.ClassCount, 2) : 0;
            var confusion = classes > 0 ? new int[classes, classes] : null;
            var loader = new DataLoader(data, Math.Max(1, Math.Min(batchSize, data.Count)), shuffle: false);
            double lossSum = 0, weightSum = 0;
            var predicted = new int[loader.BatchSize];
            using var noGrad = Tensor.NoGrad();
            foreach (var batch in loader.Epoch(0))
            {
                using var scope = TensorScope.Begin();
                var x = Tensor.FromArray(batch.Features, new Shape(batch.FeatureShape));
                var output = model.Forward(x);
                // Batch means combine by their weight (the size, or Σ w[label] for class-weighted cross-entropy).
                var target = LossTargets.For(loss, output, batch);
                var weight = loss.MeanWeight(output, target);
                lossSum += loss.Forward(output, target).Item() * weight;
                weightSum += weight;
                if (confusion is not null)
                {
                    Prediction.Classes(output, predicted, Prediction.Threshold(loss));
                    for (var i = 0; i < batch.Size; i++)
                    {
                        var p = Math.Min(predicted[i], classes - 1);
                        confusion[batch.Labels[i], p]++;
                    }
                }
            }

            return new Evaluation(data.Count == 0 ? double.NaN : lossSum / weightSum, data.Count, confusion);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
