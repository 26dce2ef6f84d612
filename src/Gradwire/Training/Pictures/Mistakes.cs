using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training.Pictures;

/// <summary>One misclassified sample: its index in the dataset, the class the model predicted and the true one.</summary>
/// <param name="Index">The sample's index.</param>
/// <param name="Predicted">The predicted class.</param>
/// <param name="Label">The true class.</param>
public readonly record struct Mistake(int Index, int Predicted, int Label)
{
    /// <summary>
    /// The first <paramref name="max"/> samples of <paramref name="data"/> (in order) that <paramref name="model"/>
    /// gets wrong, predicting as <see cref="Prediction.Classes"/> does (the argmax of the outputs; a single logit against 0) in evaluation mode without gradients (the mode is restored).
    /// </summary>
    /// <exception cref="ArgumentException">The dataset has regression targets.</exception>
    public static IReadOnlyList<Mistake> Find(Module<Tensor, Tensor> model, Dataset data, int max, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.TargetKind != TargetKind.ClassLabels)
        {
            throw new ArgumentException($"Mistake.Find: dataset '{data.Name}' has regression targets; misclassifications need class labels.", nameof(data));
        }

        var found = new List<Mistake>();
        var predicted = new int[Math.Min(batchSize, Math.Max(data.Count, 1))];
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = Tensor.NoGrad();
            var shape = new int[data.SampleShape.Count + 1];
            for (var d = 0; d < data.SampleShape.Count; d++)
            {
                shape[d + 1] = data.SampleShape[d];
            }

            for (var start = 0; start < data.Count && found.Count < max; start += batchSize)
            {
                using var scope = TensorScope.Begin();
                var n = Math.Min(batchSize, data.Count - start);
                shape[0] = n;
                var x = Tensor.FromArray(data.Features.Slice(start * data.SampleSize, n * data.SampleSize), new Shape(shape));
                var output = model.Forward(x);
                Prediction.Classes(output, predicted.AsSpan(0, n));
                for (var i = 0; i < n && found.Count < max; i++)
                {
                    var label = data.GetLabel(start + i);
                    if (predicted[i] != label)
                    {
                        found.Add(new Mistake(start + i, predicted[i], label));
                    }
                }
            }
        }
        finally
        {
            model.Train(wasTraining);
        }

        return found;
    }
}
