using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>PyTorch's <c>nn.TransformerDecoder</c>: <c>numLayers</c> decoder layers (children <c>layers.0</c>, …) and an optional final <c>norm</c>.</summary>
public sealed class TransformerDecoder : Module<TransformerDecoderInput, Tensor>
{
    private readonly LayerList<TransformerDecoderLayer> _layers;

    /// <summary>Creates the stack.</summary>
    /// <param name="options">Sizes and switches of every layer.</param>
    /// <param name="numLayers">How many layers.</param>
    /// <param name="generator">The seeded source of the weights.</param>
    /// <param name="finalNorm">Whether a LayerNorm follows the last layer.</param>
    public TransformerDecoder(TransformerOptions options, int numLayers, Generator generator, bool finalNorm = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(numLayers, 1);
        var layers = new TransformerDecoderLayer[numLayers];
        for (var i = 0; i < numLayers; i++)
        {
            layers[i] = new TransformerDecoderLayer(options, generator);
        }

        _layers = RegisterModule("layers", new LayerList<TransformerDecoderLayer>(layers));
        if (finalNorm)
        {
            Norm = RegisterModule("norm", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        }
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<TransformerDecoderLayer> Layers => Enumerable.Range(0, _layers.Count).Select(i => _layers[i]).ToArray();

    /// <summary>The final norm, or null.</summary>
    public LayerNorm? Norm { get; }

    /// <inheritdoc />
    public override Tensor Forward(TransformerDecoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.Tgt;
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].Forward(input with { Tgt = x });
        }

        return Norm is null ? x : Norm.Forward(x);
    }

    /// <summary>
    /// Incremental decoding: the stack on the new target positions <paramref name="tgt"/> ([L, B, E] or
    /// [B, L, E]), attending to the positions in <paramref name="cache"/> (which it extends). Feeding a sequence one
    /// position at a time gives the rows of <see cref="Forward(TransformerDecoderInput)"/> with the causal mask.
    /// </summary>
    public Tensor ForwardStep(Tensor tgt, Tensor memory, TransformerDecoderCache cache, Tensor? memoryKeyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (cache.SelfAttention.Count != _layers.Count)
        {
            throw new ArgumentException($"TransformerDecoder: the cache has {cache.SelfAttention.Count} layers but the decoder has {_layers.Count}; create it with new TransformerDecoderCache({_layers.Count}).", nameof(cache));
        }

        var x = tgt;
        for (var i = 0; i < _layers.Count; i++)
        {
            x = _layers[i].ForwardStep(x, memory, cache.SelfAttention[i], cache.CrossAttention[i], memoryKeyPaddingMask);
        }

        return Norm is null ? x : Norm.Forward(x);
    }

    /// <inheritdoc />
    protected override string Describe() => $"TransformerDecoder({_layers.Count} layers{(Norm is null ? "" : ", final norm")})";
}
