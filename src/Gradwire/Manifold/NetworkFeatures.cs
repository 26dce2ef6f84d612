using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Manifold;

/// <summary>
/// A trained network's penultimate-layer activations (the input of its last <see cref="Linear"/>), the features
/// <c>gradwire tsne --features model:FILE</c> embeds so the picture shows what the network learned.
/// </summary>
/// <remarks>
/// The model must be a <see cref="Sequential"/> (every <c>mlp:</c> and <c>cnn:</c> spec builds one): its layers run in
/// order and stop before the last <see cref="Linear"/>, so for <c>mlp:64,32</c> the features are the 32 activations
/// after the second hidden layer's nonlinearity. Inputs get the checkpoint's <see cref="ModelInfo.Standardizer"/>
/// (as in training) and run in evaluation mode under <see cref="Tensor.NoGrad"/>, in batches.
/// </remarks>
public static class NetworkFeatures
{
    /// <summary>The default number of samples per forward pass.</summary>
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The penultimate activations of <paramref name="loaded"/> for <paramref name="rows"/> samples laid out row-major
    /// in <paramref name="inputs"/> (each of the checkpoint's <see cref="ModelInfo.InputShape"/>, as the training data
    /// held them, before standardization): a row-major <c>rows × Width</c> matrix in float64.
    /// </summary>
    /// <exception cref="ArgumentException">The inputs are not <paramref name="rows"/> samples of the model's input
    /// shape, the batch size is below 1, or the model has no hidden layer (not a <see cref="Sequential"/>, or its
    /// first layer is already the last <see cref="Linear"/>).</exception>
    public static (double[] Features, int Width) Penultimate(LoadedModel loaded, ReadOnlySpan<float> inputs, int rows, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var layers = HiddenLayers(loaded);
        var info = loaded.Info;
        var size = 1;
        foreach (var d in info.InputShape) size *= d;
        if (rows < 1 || inputs.Length != (long)rows * size)
        {
            throw new ArgumentException(
                $"NetworkFeatures.Penultimate: {inputs.Length} values for {rows} rows; the model takes samples of shape [{string.Join(", ", info.InputShape)}] ({size} values each).",
                nameof(inputs));
        }

        if (batchSize < 1)
        {
            throw new ArgumentException($"NetworkFeatures.Penultimate: the batch size must be at least 1, got {batchSize}.", nameof(batchSize));
        }

        loaded.Model.Eval();
        using var noGrad = Tensor.NoGrad();
        double[]? features = null;
        var width = 0;
        for (var start = 0; start < rows; start += batchSize)
        {
            var count = Math.Min(batchSize, rows - start);
            var x = inputs.Slice(start * size, count * size).ToArray();
            info.Standardizer?.ApplyInPlace(x);
            // One scope per batch returns the intermediate activations to the pool before the next batch.
            using var scope = TensorScope.Begin();
            int[] shape = [count, .. info.InputShape];
            var h = Tensor.FromArray(x, new Shape(shape));
            foreach (var layer in layers)
            {
                h = layer.Forward(h);
            }

            var values = h.ToFloatArray();
            if (features is null)
            {
                width = values.Length / count;
                features = new double[(long)rows * width];
            }

            for (var i = 0; i < values.Length; i++)
            {
                features[(long)start * width + i] = values[i];
            }
        }

        return (features!, width);
    }

    /// <summary>The layers before the last <see cref="Linear"/> of <paramref name="loaded"/>'s model.</summary>
    internal static IReadOnlyList<Module<Tensor, Tensor>> HiddenLayers(LoadedModel loaded)
    {
        if (loaded.Model is not Sequential net)
        {
            throw new ArgumentException(
                $"NetworkFeatures: model '{loaded.Info.ModelSpec}' is a {loaded.Model.GetType().Name}, not a Sequential; only Sequential models (mlp:, cnn:) have a penultimate layer to read.");
        }

        var last = -1;
        for (var i = 0; i < net.Count; i++)
        {
            if (net[i] is Linear) last = i;
        }

        // Layers that only reshape (an ImageView, a Flatten) before the last Linear carry no learned features.
        var learned = false;
        for (var i = 0; i < last; i++)
        {
            if (net[i].Parameters().Count > 0) learned = true;
        }

        if (last < 0 || !learned)
        {
            throw new ArgumentException(
                $"NetworkFeatures: model '{loaded.Info.ModelSpec}' has no hidden layer before its last Linear, so its penultimate features are the inputs themselves; use raw features, or a model such as mlp:64.");
        }

        var layers = new Module<Tensor, Tensor>[last];
        for (var i = 0; i < last; i++) layers[i] = net[i];
        return layers;
    }
}
