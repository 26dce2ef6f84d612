using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>A model's loss and accuracy on a dataset, with the confusion matrix for classifiers.</summary>
/// <remarks>
/// The confusion matrix is C×C: it is kept only up to <see cref="MaxConfusionClasses"/> classes (4 MB of counts),
/// so a label column with tens of thousands of values cannot exhaust memory; accuracy and per-class accuracy need
/// only O(C) counts and are always measured.
/// </remarks>
public sealed class Evaluation
{
    /// <summary>The most classes for which <see cref="Confusion"/> is built (1024² counts, 4 MB).</summary>
    public const int MaxConfusionClasses = 1024;

    private readonly int[]? _classTotals;
    private readonly int[]? _classRight;

    internal Evaluation(double loss, int count, int[,]? confusion, int[]? classTotals = null, int[]? classRight = null)
    {
        Loss = loss;
        Count = count;
        Confusion = confusion;
        if (confusion is not null && classTotals is null)
        {
            var k = confusion.GetLength(0);
            classTotals = new int[k];
            classRight = new int[k];
            for (var i = 0; i < k; i++)
            {
                classRight[i] = confusion[i, i];
                for (var j = 0; j < k; j++)
                {
                    classTotals[i] += confusion[i, j];
                }
            }
        }

        _classTotals = classTotals;
        _classRight = classRight;
        if (classRight is null)
        {
            Accuracy = double.NaN;
            return;
        }

        long right = 0;
        foreach (var r in classRight)
        {
            right += r;
        }

        Accuracy = count == 0 ? double.NaN : (double)right / count;
    }

    /// <summary>Mean loss over the samples.</summary>
    public double Loss { get; }

    /// <summary>Fraction classified right (NaN for regression).</summary>
    public double Accuracy { get; }

    /// <summary>Samples evaluated.</summary>
    public int Count { get; }

    /// <summary>
    /// <c>Confusion[true, predicted]</c> counts; null for regression, and for more than <see cref="MaxConfusionClasses"/>
    /// classes (see <see cref="ClassCount"/>).
    /// </summary>
    public int[,]? Confusion { get; }

    /// <summary>The classes counted (0 for regression), whether or not <see cref="Confusion"/> was kept.</summary>
    public int ClassCount => _classTotals?.Length ?? 0;

    /// <summary>For each class, the fraction of its samples classified right (NaN for a class with no samples).</summary>
    public double[] PerClassAccuracy()
    {
        if (_classTotals is null || _classRight is null)
        {
            return [];
        }

        var result = new double[_classTotals.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _classTotals[i] == 0 ? double.NaN : (double)_classRight[i] / _classTotals[i];
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
            var confusion = classes > 0 && classes <= MaxConfusionClasses ? new int[classes, classes] : null;
            var totals = classes > 0 ? new int[classes] : null;
            var right = classes > 0 ? new int[classes] : null;
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
                if (totals is not null && right is not null)
                {
                    Prediction.Classes(output, predicted, Prediction.Threshold(loss));
                    for (var i = 0; i < batch.Size; i++)
                    {
                        var p = Math.Min(predicted[i], classes - 1);
                        var label = batch.Labels[i];
                        totals[label]++;
                        if (p == label)
                        {
                            right[label]++;
                        }

                        if (confusion is not null)
                        {
                            confusion[label, p]++;
                        }
                    }
                }
            }

            return new Evaluation(data.Count == 0 ? double.NaN : lossSum / weightSum, data.Count, confusion, totals, right);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
