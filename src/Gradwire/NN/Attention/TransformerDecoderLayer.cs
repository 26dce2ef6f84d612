using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The arguments of a Transformer decoder layer or stack (MultiheadAttention's mask conventions).</summary>
/// <param name="Tgt">[T, B, E], or [B, T, E] when batch-first.</param>
/// <param name="Memory">The encoder output [S, B, E], or [B, S, E].</param>
/// <param name="TgtMask">[T, T] (e.g. <see cref="Transformer.GenerateSquareSubsequentMask"/>).</param>
/// <param name="MemoryMask">[T, S].</param>
/// <param name="TgtKeyPaddingMask">[B, T] (bool True = padding).</param>
/// <param name="MemoryKeyPaddingMask">[B, S] (bool True = padding).</param>
public sealed record TransformerDecoderInput(
    Tensor Tgt,
    Tensor Memory,
    Tensor? TgtMask = null,
    Tensor? MemoryMask = null,
    Tensor? TgtKeyPaddingMask = null,
    Tensor? MemoryKeyPaddingMask = null);

/// <summary>
/// PyTorch's <c>nn.TransformerDecoderLayer</c>: masked self-attention, cross-attention over the memory, and a
/// feed-forward block, each with a residual. Post-norm (default): <c>x = norm1(x + SA(x)); x = norm2(x + CA(x, m));
/// x = norm3(x + FF(x))</c>; pre-norm: <c>x = x + SA(norm1(x)); x = x + CA(norm2(x), m); x = x + FF(norm3(x))</c>.
/// Children: <c>self_attn</c>, <c>multihead_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1..3</c>.
/// </summary>
public sealed class TransformerDecoderLayer : Module<TransformerDecoderInput, Tensor>
{
    private readonly Dropout _dropout;
    private readonly Dropout _dropout1;
    private readonly Dropout _dropout2;
    private readonly Dropout _dropout3;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Sizes and switches.</param>
    /// <param name="generator">The seeded source of the initial weights and of the dropout seeds.</param>
    public TransformerDecoderLayer(TransformerOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        Options = options;
        SelfAttn = RegisterModule("self_attn", new MultiheadAttention(options.DModel, options.NHead, generator, options.Dropout, true, options.BatchFirst, generator.NextUInt64(), options.DType));
        MultiheadAttn = RegisterModule("multihead_attn", new MultiheadAttention(options.DModel, options.NHead, generator, options.Dropout, true, options.BatchFirst, generator.NextUInt64(), options.DType));
        Linear1 = RegisterModule("linear1", new Linear(options.DModel, options.DimFeedforward, generator, dtype: options.DType));
        _dropout = RegisterModule("dropout", new Dropout(options.Dropout, generator.NextUInt64()));
        Linear2 = RegisterModule("linear2", new Linear(options.DimFeedforward, options.DModel, generator, dtype: options.DType));
        Norm1 = RegisterModule("norm1", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        Norm2 = RegisterModule("norm2", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        Norm3 = RegisterModule("norm3", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        _dropout1 = RegisterModule("dropout1", new Dropout(options.Dropout, generator.NextUInt64()));
        _dropout2 = RegisterModule("dropout2", new Dropout(options.Dropout, generator.NextUInt64()));
        _dropout3 = RegisterModule("dropout3", new Dropout(options.Dropout, generator.NextUInt64()));
    }

    /// <summary>Sizes and switches.</summary>
    public TransformerOptions Options { get; }

    /// <summary><c>self_attn</c>.</summary>
    public MultiheadAttention SelfAttn { get; }

    /// <summary><c>multihead_attn</c> (cross-attention over the memory).</summary>
    public MultiheadAttention MultiheadAttn { get; }

    /// <summary><c>linear1</c>.</summary>
    public Linear Linear1 { get; }

    /// <summary><c>linear2</c>.</summary>
    public Linear Linear2 { get; }

    /// <summary><c>norm1</c>.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary><c>norm2</c>.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary><c>norm3</c>.</summary>
    public LayerNorm Norm3 { get; }

    /// <inheritdoc />
    public override Tensor Forward(TransformerDecoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.Tgt;
        var m = input.Memory;
        if (Options.NormFirst)
        {
            x += SelfAttention(Norm1.Forward(x), input.TgtMask, input.TgtKeyPaddingMask);
            x += CrossAttention(Norm2.Forward(x), m, input.MemoryMask, input.MemoryKeyPaddingMask);
            x += FeedForward(Norm3.Forward(x));
        }
        else
        {
            x = Norm1.Forward(x + SelfAttention(x, input.TgtMask, input.TgtKeyPaddingMask));
            x = Norm2.Forward(x + CrossAttention(x, m, input.MemoryMask, input.MemoryKeyPaddingMask));
            x = Norm3.Forward(x + FeedForward(x));
        }

        return x;
    }

    /// <summary>
    /// Incremental decoding: the layer on the new target positions <paramref name="tgt"/> only, attending to the
    /// positions cached in <paramref name="selfCache"/> (appended to) and to <paramref name="memory"/> (projected
    /// once into <paramref name="crossCache"/>). Equals <see cref="Forward(TransformerDecoderInput)"/> with the
    /// causal target mask, row by row.
    /// </summary>
    public Tensor ForwardStep(Tensor tgt, Tensor memory, KeyValueCache selfCache, KeyValueCache crossCache, Tensor? memoryKeyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(tgt);
        var x = tgt;
        if (Options.NormFirst)
        {
            var h = Norm1.Forward(x);
            x += _dropout1.Forward(SelfAttn.ForwardCached(h, h, selfCache, isStatic: false));
            x += _dropout2.Forward(MultiheadAttn.ForwardCached(Norm2.Forward(x), memory, crossCache, isStatic: true, memoryKeyPaddingMask));
            x += FeedForward(Norm3.Forward(x));
        }
        else
        {
            x = Norm1.Forward(x + _dropout1.Forward(SelfAttn.ForwardCached(x, x, selfCache, isStatic: false)));
            x = Norm2.Forward(x + _dropout2.Forward(MultiheadAttn.ForwardCached(x, memory, crossCache, isStatic: true, memoryKeyPaddingMask)));
            x = Norm3.Forward(x + FeedForward(x));
        }

        return x;
    }

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? padding) =>
        _dropout1.Forward(SelfAttn.Forward(new MultiheadAttentionInput(x, x, x, padding, mask, NeedWeights: false)).Output);

    private Tensor CrossAttention(Tensor x, Tensor memory, Tensor? mask, Tensor? padding) =>
        _dropout2.Forward(MultiheadAttn.Forward(new MultiheadAttentionInput(x, memory, memory, padding, mask, NeedWeights: false)).Output);

    private Tensor FeedForward(Tensor x) =>
        _dropout3.Forward(Linear2.Forward(_dropout.Forward(TransformerBlocks.Activate(Linear1.Forward(x), Options.Activation))));

    /// <inheritdoc />
    protected override string Describe() =>
        $"TransformerDecoderLayer(d={Options.DModel}, heads={Options.NHead}, ff={Options.DimFeedforward}, {(Options.NormFirst ? "pre-norm" : "post-norm")})";
}
