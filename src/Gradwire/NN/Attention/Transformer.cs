using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The arguments of <see cref="Transformer"/>, as PyTorch's <c>nn.Transformer.forward</c>.</summary>
/// <param name="Src">[S, B, E], or [B, S, E] when batch-first.</param>
/// <param name="Tgt">[T, B, E], or [B, T, E].</param>
/// <param name="SrcMask">[S, S].</param>
/// <param name="TgtMask">[T, T], e.g. <see cref="Transformer.GenerateSquareSubsequentMask"/>.</param>
/// <param name="MemoryMask">[T, S].</param>
/// <param name="SrcKeyPaddingMask">[B, S] (bool True = padding).</param>
/// <param name="TgtKeyPaddingMask">[B, T].</param>
/// <param name="MemoryKeyPaddingMask">[B, S].</param>
public sealed record TransformerInput(
    Tensor Src,
    Tensor Tgt,
    Tensor? SrcMask = null,
    Tensor? TgtMask = null,
    Tensor? MemoryMask = null,
    Tensor? SrcKeyPaddingMask = null,
    Tensor? TgtKeyPaddingMask = null,
    Tensor? MemoryKeyPaddingMask = null);

/// <summary>
/// PyTorch's <c>nn.Transformer</c>: an encoder and a decoder stack, each with a final LayerNorm (children
/// <c>encoder.layers.0.…</c>, <c>encoder.norm</c>, <c>decoder.layers.0.…</c>, <c>decoder.norm</c>), so state dicts
/// move both ways. Every weight matrix is Xavier-uniform initialized, as PyTorch's <c>_reset_parameters</c>.
/// Embeddings and the output projection are the caller's (as in PyTorch).
/// </summary>
public sealed class Transformer : Module<TransformerInput, Tensor>
{
    /// <summary>Creates the model.</summary>
    /// <param name="options">Sizes and switches of every layer.</param>
    /// <param name="numEncoderLayers">Encoder layers (PyTorch's default 6).</param>
    /// <param name="numDecoderLayers">Decoder layers (PyTorch's default 6).</param>
    /// <param name="generator">The seeded source of the weights.</param>
    public Transformer(TransformerOptions options, int numEncoderLayers, int numDecoderLayers, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        Options = options;
        Encoder = RegisterModule("encoder", new TransformerEncoder(options, numEncoderLayers, generator, finalNorm: true));
        Decoder = RegisterModule("decoder", new TransformerDecoder(options, numDecoderLayers, generator, finalNorm: true));
        using var noGrad = Tensor.NoGrad();
        foreach (var p in Parameters())
        {
            if (p.Value.Rank > 1)
            {
                p.Value.CopyFrom(Tensor.XavierUniform(p.Value.Shape, generator, dtype: options.DType));
            }
        }
    }

    /// <summary>Sizes and switches.</summary>
    public TransformerOptions Options { get; }

    /// <summary><c>encoder</c>.</summary>
    public TransformerEncoder Encoder { get; }

    /// <summary><c>decoder</c>.</summary>
    public TransformerDecoder Decoder { get; }

    /// <summary>
    /// The causal mask for <paramref name="size"/> positions as PyTorch's <c>generate_square_subsequent_mask</c>:
    /// a float [size, size] tensor with −∞ above the diagonal (future positions) and 0 elsewhere.
    /// </summary>
    public static Tensor GenerateSquareSubsequentMask(int size, DType dtype = DType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var data = new double[size * size];
        for (var i = 0; i < size; i++)
        {
            for (var j = i + 1; j < size; j++)
            {
                data[(i * size) + j] = double.NegativeInfinity;
            }
        }

        var mask = Tensor.FromArray(data, new Shape(size, size));
        return dtype == DType.Float64 ? mask : mask.To(dtype);
    }

    /// <inheritdoc />
    public override Tensor Forward(TransformerInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var memory = Encoder.Forward(new TransformerEncoderInput(input.Src, input.SrcMask, input.SrcKeyPaddingMask));
        return Decoder.Forward(new TransformerDecoderInput(input.Tgt, memory, input.TgtMask, input.MemoryMask, input.TgtKeyPaddingMask, input.MemoryKeyPaddingMask));
    }

    /// <inheritdoc />
    protected override string Describe() => $"Transformer(d={Options.DModel}, heads={Options.NHead}, {Encoder.Layers.Count}+{Decoder.Layers.Count} layers)";
}
