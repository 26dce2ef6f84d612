using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The arguments of a Transformer encoder layer or stack: source, its attention mask and key padding mask (MultiheadAttention's conventions).</summary>
/// <param name="Src">[S, B, E], or [B, S, E] when batch-first.</param>
/// <param name="SrcMask">[S, S] or [B·H, S, S] (bool True = may not attend, or float added).</param>
/// <param name="SrcKeyPaddingMask">[B, S] (bool True = padding).</param>
public sealed record TransformerEncoderInput(Tensor Src, Tensor? SrcMask = null, Tensor? SrcKeyPaddingMask = null);

/// <summary>
/// PyTorch's <c>nn.TransformerEncoderLayer</c>: self-attention then a feed-forward block, each with a residual.
/// Post-norm (default): <c>x = norm1(x + SA(x)); x = norm2(x + FF(x))</c>; pre-norm:
/// <c>x = x + SA(norm1(x)); x = x + FF(norm2(x))</c>, with <c>FF(x) = linear2(dropout(act(linear1(x))))</c>.
/// Children carry PyTorch's names: <c>self_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1</c>, <c>norm2</c>.
/// </summary>
public sealed class TransformerEncoderLayer : Module<TransformerEncoderInput, Tensor>
{
    private readonly Dropout _dropout;
    private readonly Dropout _dropout1;
    private readonly Dropout _dropout2;

    /// <summary>Creates the layer.</summary>
    /// <param name="options">Sizes and switches.</param>
    /// <param name="generator">The seeded source of the initial weights and of the dropout seeds.</param>
    public TransformerEncoderLayer(TransformerOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        Options = options;
        SelfAttn = RegisterModule("self_attn", new MultiheadAttention(options.DModel, options.NHead, generator, options.Dropout, true, options.BatchFirst, generator.NextUInt64(), options.DType));
        Linear1 = RegisterModule("linear1", new Linear(options.DModel, options.DimFeedforward, generator, dtype: options.DType));
        _dropout = RegisterModule("dropout", new Dropout(options.Dropout, generator.NextUInt64()));
        Linear2 = RegisterModule("linear2", new Linear(options.DimFeedforward, options.DModel, generator, dtype: options.DType));
        Norm1 = RegisterModule("norm1", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        Norm2 = RegisterModule("norm2", new LayerNorm(options.DModel, options.LayerNormEps, dtype: options.DType));
        _dropout1 = RegisterModule("dropout1", new Dropout(options.Dropout, generator.NextUInt64()));
        _dropout2 = RegisterModule("dropout2", new Dropout(options.Dropout, generator.NextUInt64()));
    }

    /// <summary>Sizes and switches.</summary>
    public TransformerOptions Options { get; }

    /// <summary><c>self_attn</c>.</summary>
    public MultiheadAttention SelfAttn { get; }

    /// <summary><c>linear1</c> [ff, E].</summary>
    public Linear Linear1 { get; }

    /// <summary><c>linear2</c> [E, ff].</summary>
    public Linear Linear2 { get; }

    /// <summary><c>norm1</c>.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary><c>norm2</c>.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>The layer on <paramref name="src"/> with optional masks.</summary>
    public Tensor Forward(Tensor src, Tensor? srcMask = null, Tensor? srcKeyPaddingMask = null) =>
        Forward(new TransformerEncoderInput(src, srcMask, srcKeyPaddingMask));

    /// <inheritdoc />
    public override Tensor Forward(TransformerEncoderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.Src;
        if (Options.NormFirst)
        {
            x += SelfAttention(Norm1.Forward(x), input.SrcMask, input.SrcKeyPaddingMask);
            x += FeedForward(Norm2.Forward(x));
        }
        else
        {
            x = Norm1.Forward(x + SelfAttention(x, input.SrcMask, input.SrcKeyPaddingMask));
            x = Norm2.Forward(x + FeedForward(x));
        }

        return x;
    }

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? padding) =>
        _dropout1.Forward(SelfAttn.Forward(new MultiheadAttentionInput(x, x, x, padding, mask, NeedWeights: false)).Output);

    private Tensor FeedForward(Tensor x) =>
        _dropout2.Forward(Linear2.Forward(_dropout.Forward(TransformerBlocks.Activate(Linear1.Forward(x), Options.Activation))));

    /// <inheritdoc />
    protected override string Describe() =>
        $"TransformerEncoderLayer(d={Options.DModel}, heads={Options.NHead}, ff={Options.DimFeedforward}, {(Options.NormFirst ? "pre-norm" : "post-norm")})";
}
