using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Builds a multi-layer perceptron from its layer sizes, like adnn's <c>mlp()</c>: <c>Mlp.Create([784, 256, 128,
/// 10], Activation.Relu, gen)</c> is Linear(784→256), ReLU, Linear(256→128), ReLU, Linear(128→10).
/// </summary>
public static class Mlp
{
    /// <summary>
    /// A <see cref="Sequential"/> of <see cref="Linear"/> layers between consecutive <paramref name="sizes"/>, with
    /// <paramref name="hidden"/> after every layer but the last and <paramref name="output"/> after the last.
    /// </summary>
    /// <param name="sizes">Input size, hidden sizes..., output size (at least two numbers).</param>
    /// <param name="hidden">Activation between layers.</param>
    /// <param name="generator">Seeded source of the initial weights.</param>
    /// <param name="output">Activation after the last layer (usually none: losses take logits).</param>
    /// <param name="init">Weight initialization.</param>
    /// <param name="dropout">Dropout probability after each hidden activation (0: none).</param>
    /// <param name="dtype">float32 or float64.</param>
    public static Sequential Create(
        ReadOnlySpan<int> sizes, Activation hidden, Generator generator, Activation output = Activation.None,
        Initialization init = Initialization.Default, double dropout = 0, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (sizes.Length < 2)
        {
            throw new ArgumentException($"Mlp: give at least an input and an output size, got [{string.Join(", ", sizes.ToArray())}].", nameof(sizes));
        }

        var model = new Sequential();
        for (var i = 0; i + 1 < sizes.Length; i++)
        {
            model.Add(new Linear(sizes[i], sizes[i + 1], generator, true, init, dtype));
            var last = i + 2 == sizes.Length;
            if (Activations.Create(last ? output : hidden) is { } activation)
            {
                model.Add(activation);
            }

            if (!last && dropout > 0)
            {
                model.Add(new Dropout(dropout, generator.NextUInt64()));
            }
        }

        return model;
    }
}
