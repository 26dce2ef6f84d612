using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>PyTorch's <c>nn.TransformerEncoder</c>: <c>numLayers</c> encoder layers (children <c>layers.0</c>, …) and an optional final <c>norm</c>.</summary>
public sealed class TransformerEncoder : Module<TransformerEncoderInput, Tensor>
{
    private readonly LayerList<TransformerEncoderLayer> _layers;

    /// <summary>Creates the stack.</summary>
    /// <param name="options">Sizes and switches of every layer.</param>
    /// <param name="numLayers">How many layers.</param>
    /// <param name="generator">The seeded source of the weights.</param>
    /// <param name="finalNorm">Whether a LayerNorm follows the last layer (PyTorch's <c>norm</c> argument; nn.Transformer passes one).</param>
    public TransformerEncoder(TransformerOptions options, int numLayers, Generator generator, bool finalNorm = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(numLayers, 1);
        var layers = new TransformerEncoderLayer[numLayers];
        for (var i = 0; i < numLayers; i++)
        {
            layers[i] = new TransformerEncoderLayer(options, generator);
        }

        _layers = RegisterModule("layers", new LayerList<TransformerEncoderLayer>(layers));
        if (finalNorm)
        {
            Norm = RegisterModule("norm", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<TransformerEncoderLayer> Layers => Enumerable.Range(0, _layers.Count).Select(i => _layers[i]).ToArray();

    /// <summary>The final norm, or null.</summary>
    public LayerNorm? Norm { get; }

    /// <summary>The stack on <paramref name="src"/> with optional masks.</summary>
    public Tensor Forward(Tensor src, Tensor? mask = null, Tensor? srcKeyPaddingMask = null) =>
        Forward(new TransformerEncoderInput(src, mask, srcKeyPaddingMask));

    /// <inheritdoc />
    public override Tensor Forward(TransformerEncoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.Src;
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Forward(input with { Src = x });
        }

        return Norm is null ? x : Norm.Forward(x);
    }

    /// <inheritdoc />
    protected override string Describe() => $"TransformerEncoder({_layers.Count} layers{(Norm is null ? "" : ", final norm")})";
}
