using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Modules applied one after the other; children are named "0", "1", ... (so parameters are "0.weight").</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    /// <summary>Chains <paramref name="layers"/> in order.</summary>
    public Sequential(params IEnumerable<Module<Tensor, Tensor>> layers)
    {
        foreach (var layer in layers)
        {
            Add(layer);
        }
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module<Tensor, Tensor>> Layers => _layers;

    /// <summary>Number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>Layer <paramref name="index"/>.</summary>
    public Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>Appends a layer.</summary>
    public Sequential Add(Module<Tensor, Tensor> layer)
    {
        RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer);
        _layers.Add(layer);
        return this;
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Forward(x);
        }

        return x;
    }
}
