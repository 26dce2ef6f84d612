using System.Globalization;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The model grammar of <c>gradwire train --model</c> and of checkpoints: <c>linear</c>,
/// <c>mlp:H1,H2,...[:relu|tanh|sigmoid|gelu|leaky-relu]</c>, or <c>cnn:TOKENS</c> (see <see cref="CnnSpec"/>). One function turns a spec into a module, so that a
/// checkpoint's recorded spec rebuilds the same module the training built (add a new kind of model here).
/// </summary>
public static class ModelSpec
{
    /// <summary>
    /// Builds the module <paramref name="spec"/> names for samples of <paramref name="sampleShape"/> (the MLP and
    /// linear models take the product of its dims as their input width) and <paramref name="outputs"/> outputs.
    /// </summary>
    /// <remarks><c>linear</c> is <c>Sequential(Linear(n, outputs))</c>; <c>mlp:H1,...,Hk:act</c> is
    /// <see cref="Mlp.Create"/> over <c>[n, H1, ..., Hk, outputs]</c> with Xavier initialization for tanh and
    /// sigmoid and Kaiming otherwise. The state dictionary names are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, ….</remarks>
    /// <exception cref="ArgumentException">The spec is not a model; the message says what was expected.</exception>
    public static Module<Tensor, Tensor> Build(string spec, ReadOnlySpan<int> sampleShape, int outputs, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(generator);
        if (outputs < 1)
        {
            throw new ArgumentException($"ModelSpec.Build: a model needs at least one output, got {outputs}.", nameof(outputs));
        }

        long width = 1;
        foreach (var d in sampleShape)
        {
            width *= d;
        }

        if (sampleShape.IsEmpty || width < 1 || width > int.MaxValue)
        {
            throw new ArgumentException($"ModelSpec.Build: sample shape [{string.Join(", ", sampleShape.ToArray())}] is not a model input.", nameof(sampleShape));
        }

        var inputs = (int)width;
        if (CnnSpec.IsCnn(spec))
        {
            return CnnSpec.Build(spec, ImageShape(spec, sampleShape, inputs), outputs, generator);
        }

        if (spec.Equals("linear", StringComparison.OrdinalIgnoreCase))
        {
            return new Sequential(new Linear(inputs, outputs, generator));
        }

        var parts = spec.Split(':');
        if (parts.Length is < 2 or > 3 || !parts[0].Equals("mlp", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{Clip(spec)}' is not a model spec; use 'linear', 'mlp:H1,H2,...' (optionally ':relu|tanh|sigmoid|gelu|leaky-relu') or 'cnn:8c5-p2-16c5-p2-fc10'.");
        }

        var sizes = new List<int> { inputs };
        foreach (var item in parts[1].Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var hidden) || hidden < 1)
            {
                throw new ArgumentException($"'{Clip(item)}' is not a layer width (a whole number ≥ 1).");
            }

            sizes.Add(hidden);
        }

        sizes.Add(outputs);
        var activation = parts.Length == 3 ? Activations.Parse(parts[2]) : Activation.Relu;
        var init = activation is Activation.Tanh or Activation.Sigmoid ? Initialization.XavierUniform : Initialization.KaimingUniform;
        return Mlp.Create(sizes.ToArray(), activation, generator, init: init);
    }

    /// <summary>
    /// The [C, H, W] a cnn spec reads: the sample shape when it has 3 axes ([H, W] is one channel), else a flat
    /// square sample of one channel (Fashion-MNIST's 784 floats are 1×28×28).
    /// </summary>
    private static (int C, int H, int W) ImageShape(string spec, ReadOnlySpan<int> sampleShape, int inputs)
    {
        if (sampleShape.Length == 3)
        {
            return (sampleShape[0], sampleShape[1], sampleShape[2]);
        }

        if (sampleShape.Length == 2)
        {
            return (1, sampleShape[0], sampleShape[1]);
        }

        var side = (int)Math.Round(Math.Sqrt(inputs));
        if (side * side != inputs)
        {
            throw new ArgumentException($"'{Clip(spec)}' needs images, but the samples are {inputs} flat features (not a square); use a dataset of images.");
        }

        return (1, side, side);
    }

    // Specs come from command lines and files: quote at most 80 characters of them.
    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
