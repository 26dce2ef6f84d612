using Gradwire.Scalars;

namespace Gradwire.Circuits;

/// <summary>
/// A multilayer perceptron over <see cref="Value"/> scalars, micrograd-sized: each neuron computes
/// <c>b + Σᵢ wᵢ·xᵢ</c>, followed by ReLU in every layer but the last (which stays linear, for scores).
/// Weights start uniform in [−1, 1) from the <see cref="Random"/> you pass, biases at 0.
/// </summary>
/// <remarks>Meant for teaching and for graphs of a few hundred thousand nodes; the tensor library is for real work.</remarks>
public sealed class ScalarMlp
{
    private readonly Layer[] _layers;
    private readonly Value[] _parameters;

    /// <summary>An MLP with <paramref name="inputs"/> inputs and one layer per entry of <paramref name="layerSizes"/>.</summary>
    /// <example><c>new ScalarMlp(2, [16, 16, 1], new Random(1))</c> is micrograd's moons model.</example>
    public ScalarMlp(int inputs, IReadOnlyList<int> layerSizes, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentNullException.ThrowIfNull(layerSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (layerSizes.Count == 0)
        {
            throw new ArgumentException("scalar MLP: give at least one layer size.", nameof(layerSizes));
        }

        Inputs = inputs;
        _layers = new Layer[layerSizes.Count];
        var parameters = new List<Value>();
        var fanIn = inputs;
        for (var l = 0; l < layerSizes.Count; l++)
        {
            if (layerSizes[l] <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(layerSizes), layerSizes[l], $"scalar MLP: layer {l} must have at least one neuron.");
            }

            _layers[l] = new Layer(fanIn, layerSizes[l], relu: l < layerSizes.Count - 1, random, parameters);
            fanIn = layerSizes[l];
        }

        _parameters = [.. parameters];
    }

    /// <summary>How many inputs the network takes.</summary>
    public int Inputs { get; }

    /// <summary>How many outputs it produces (the last layer's size).</summary>
    public int Outputs => _layers[^1].Size;

    /// <summary>Every weight and bias, layer by layer, neuron by neuron (weights, then the bias).</summary>
    public IReadOnlyList<Value> Parameters => _parameters;

    /// <summary>Builds the graph of the network on <paramref name="x"/> and returns its outputs.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> does not have <see cref="Inputs"/> entries.</exception>
    public Value[] Forward(IReadOnlyList<Value> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Count != Inputs)
        {
            throw new ArgumentException($"scalar MLP: expected {Inputs} inputs, got {x.Count}.", nameof(x));
        }

        var activations = x as Value[] ?? [.. x];
        foreach (var layer in _layers)
        {
            activations = layer.Forward(activations);
        }

        return activations;
    }

    /// <summary>Sets the gradient of every parameter to 0 (interior nodes are rebuilt by each forward pass).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
        {
            p.Grad = 0;
        }
    }

    private sealed class Layer
    {
        private readonly Value[][] _weights;
        private readonly Value[] _biases;
        private readonly bool _relu;

        public Layer(int fanIn, int size, bool relu, Random random, List<Value> parameters)
        {
            _relu = relu;
            _weights = new Value[size][];
            _biases = new Value[size];
            for (var n = 0; n < size; n++)
            {
                _weights[n] = new Value[fanIn];
                for (var i = 0; i < fanIn; i++)
                {
                    _weights[n][i] = new Value(random.NextDouble() * 2.0 - 1.0);
                    parameters.Add(_weights[n][i]);
                }

                _biases[n] = new Value(0.0);
                parameters.Add(_biases[n]);
            }
        }

        public int Size => _biases.Length;

        public Value[] Forward(Value[] x)
        {
            var output = new Value[_biases.Length];
            for (var n = 0; n < output.Length; n++)
            {
                var w = _weights[n];
                var act = _biases[n];
                for (var i = 0; i < w.Length; i++)
                {
                    act += w[i] * x[i];
                }

                output[n] = _relu ? act.Relu() : act;
            }

            return output;
        }
    }
}
