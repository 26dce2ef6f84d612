using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training.Pictures;

/// <summary>
/// What one layer of a <see cref="Sequential"/> made of one input: its output for a batch of one, without the batch
/// axis (<c>[C, H, W]</c> for a conv layer: one tile per channel; <c>[F]</c> for a dense one), each channel scaled on
/// its own to [0, 1] for display.
/// </summary>
/// <param name="Index">The layer's position in the model.</param>
/// <param name="Layer">The layer, as the model prints it (e.g. <c>Conv2d(1 → 8, 5×5)</c>).</param>
/// <param name="Shape">The output's shape without the batch axis.</param>
/// <param name="Values">The output, row-major, each channel (first axis of a rank ≥ 2 output; the whole vector otherwise) in [0, 1].</param>
/// <param name="Min">The smallest raw value.</param>
/// <param name="Max">The largest raw value.</param>
public sealed record ActivationPanel(int Index, string Layer, int[] Shape, float[] Values, double Min, double Max)
{
    /// <summary>
    /// Runs <paramref name="sample"/> (one sample, without the batch axis) through <paramref name="model"/>'s layers in
    /// evaluation mode without gradients, keeping each layer's output (the model's mode is restored afterwards).
    /// </summary>
    public static IReadOnlyList<ActivationPanel> Record(Sequential model, Tensor sample)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sample);
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = Tensor.NoGrad();
            var shape = new int[sample.Rank + 1];
            shape[0] = 1;
            sample.ShapeArray.CopyTo(shape, 1);
            var x = sample.Reshape(shape);
            var panels = new List<ActivationPanel>(model.Count);
            for (var i = 0; i < model.Count; i++)
            {
                x = model[i].Forward(x);
                panels.Add(Panel(i, model[i], x));
            }

            return panels;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static ActivationPanel Panel(int index, Module layer, Tensor output)
    {
        var raw = output.ToDoubleArray();
        var shape = output.ShapeArray[1..];
        var channels = shape.Length >= 2 ? shape[0] : 1;
        var per = channels == 0 ? 0 : raw.Length / channels;
        var values = new float[raw.Length];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var c = 0; c < channels; c++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (var i = c * per; i < (c + 1) * per; i++)
            {
                lo = Math.Min(lo, raw[i]);
                hi = Math.Max(hi, raw[i]);
            }

            for (var i = c * per; i < (c + 1) * per; i++)
            {
                values[i] = hi > lo ? (float)((raw[i] - lo) / (hi - lo)) : 0.5f;
            }

            min = Math.Min(min, lo);
            max = Math.Max(max, hi);
        }

        var name = layer.ToString();
        var newline = name.IndexOf('\n', StringComparison.Ordinal);
        return new ActivationPanel(index, newline < 0 ? name : name[..newline].TrimEnd(), shape, values, min, max);
    }
}
