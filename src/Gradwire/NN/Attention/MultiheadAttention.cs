using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Multi-head attention as PyTorch's <c>nn.MultiheadAttention</c>:
/// <c>headᵢ = softmax(QWᵢᵠ(KWᵢᴷ)ᵀ/√(E/H) + M)·VWᵢⱽ</c>, output <c>concat(head₁…head_H)·W_outᵀ + b_out</c>.
/// Parameters <c>in_proj_weight</c> [3E, E] (rows: query, key, value projections; Xavier-uniform),
/// <c>in_proj_bias</c> [3E] (zeros), <c>out_proj.weight</c> [E, E], <c>out_proj.bias</c> (zeros).
/// </summary>
/// <remarks>
/// Masks follow PyTorch's MultiheadAttention: bool True means "may not attend" / "padding"; float masks are added
/// to the scores. Without <c>NeedWeights</c> the fused attention node runs (it keeps one copy of the weights for
/// the backward); with it, the recorded-ops twin, whose weights are differentiable. The returned weights are those
/// after dropout (as PyTorch 1.13). Key and value dimensions equal <c>embedDim</c> (no kdim/vdim).
/// </remarks>
public sealed class MultiheadAttention : Module<MultiheadAttentionInput, (Tensor Output, Tensor? Weights)>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="embedDim">E, the model width.</param>
    /// <param name="numHeads">H; must divide E.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="dropout">Dropout on the attention weights in training mode.</param>
    /// <param name="bias">Whether the projections have biases.</param>
    /// <param name="batchFirst">Inputs [B, T, E] rather than PyTorch's default [T, B, E].</param>
    /// <param name="dropoutSeed">Seed of the dropout masks (with a call counter, as <see cref="Dropout"/>).</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public MultiheadAttention(int embedDim, int numHeads, Generator generator, double dropout = 0, bool bias = true,
        bool batchFirst = false, ulong dropoutSeed = 0, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (embedDim < 1 || numHeads < 1 || embedDim % numHeads != 0)
        {
            throw new ArgumentException($"MultiheadAttention: embedDim ({embedDim}) must be a positive multiple of numHeads ({numHeads}).");
        }

        if (!(dropout >= 0 && dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "MultiheadAttention: dropout must be in [0, 1).");
        }

        EmbedDim = embedDim;
        NumHeads = numHeads;
        HeadDim = embedDim / numHeads;
        DropoutP = dropout;
        BatchFirst = batchFirst;
        DropoutSeed = dropoutSeed;
        InProjWeight = RegisterParameter("in_proj_weight", Tensor.XavierUniform(new Shape(3 * embedDim, embedDim), generator, dtype: dtype));
        if (bias)
        {
            InProjBias = RegisterParameter("in_proj_bias", Tensor.Zeros(new Shape(3 * embedDim), dtype), decay: false);
        }

        var outProj = new Linear(embedDim, embedDim, generator, bias, Initialization.Default, dtype);
        using (Tensor.NoGrad())
        {
            outProj.Bias?.Value.ZeroInPlace(); // PyTorch zeroes out_proj.bias and keeps Linear's weight init
        }

        OutProj = RegisterModule("out_proj", outProj);
    }

    /// <summary>E.</summary>
    public int EmbedDim { get; }

    /// <summary>H.</summary>
    public int NumHeads { get; }

    /// <summary>E / H.</summary>
    public int HeadDim { get; }

    /// <summary>Dropout probability on the attention weights.</summary>
    public double DropoutP { get; }

    /// <summary>Whether inputs are [B, T, E].</summary>
    public bool BatchFirst { get; }

    /// <summary>Seed of the dropout masks.</summary>
    public ulong DropoutSeed { get; }

    /// <summary>Training calls with dropout made so far (the dropout random state).</summary>
    public long Calls { get; set; }

    /// <summary><c>in_proj_weight</c> [3E, E].</summary>
    public Parameter InProjWeight { get; }

    /// <summary><c>in_proj_bias</c> [3E], or null.</summary>
    public Parameter? InProjBias { get; }

    /// <summary><c>out_proj</c>.</summary>
    public Linear OutProj { get; }

    /// <summary>Self- or cross-attention with no masks, returning the output only.</summary>
    public Tensor Forward(Tensor query, Tensor key, Tensor value) =>
        Forward(new MultiheadAttentionInput(query, key, value, NeedWeights: false)).Output;

    /// <inheritdoc />
    public override (Tensor Output, Tensor? Weights) Forward(MultiheadAttentionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (q, k, v) = (ToBatchFirst(input.Query, "query"), ToBatchFirst(input.Key, "key"), ToBatchFirst(input.Value, "value"));
        var b = q.ShapeArray[0];
        if (k.ShapeArray[0] != b || v.ShapeArray[0] != b || k.ShapeArray[1] != v.ShapeArray[1])
        {
            throw new ArgumentException($"MultiheadAttention: query {input.Query.Shape}, key {input.Key.Shape}, value {input.Value.Shape} disagree on the batch or key length.");
        }

        var (qh, kh, vh) = Project(input.Query, input.Key, input.Value, q, k, v);
        var mask = CombineMasks(input.AttnMask, input.KeyPaddingMask, b, q.ShapeArray[1], k.ShapeArray[1], q.DType);
        return Attend(qh, kh, vh, mask, input.NeedWeights, input.AverageAttnWeights);
    }

    /// <summary>
    /// One step of incremental decoding: <paramref name="query"/> holds the new positions ([L, B, E] or [B, L, E]).
    /// With <paramref name="isStatic"/> false (self-attention) the step's keys and values (projected from
    /// <paramref name="keyValue"/>) are appended to <paramref name="cache"/> and query i attends to all earlier
    /// positions and itself (causal). With <paramref name="isStatic"/> true (cross-attention over a memory) the
    /// memory is projected on the first call only and reused after.
    /// </summary>
    public Tensor ForwardCached(Tensor query, Tensor keyValue, KeyValueCache cache, bool isStatic, Tensor? keyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var q = ToBatchFirst(query, "query");
        var b = q.ShapeArray[0];
        var l = q.ShapeArray[1];
        var qh = Heads(LinearFunction.Apply(q, Slice(InProjWeight.Value, 0), SliceBias(0)), b);
        var past = cache.Length;
        if (!isStatic || cache.Key is null)
        {
            var kv = ToBatchFirst(keyValue, "key");
            var kh = Heads(LinearFunction.Apply(kv, Slice(InProjWeight.Value, 1), SliceBias(1)), b);
            var vh = Heads(LinearFunction.Apply(kv, Slice(InProjWeight.Value, 2), SliceBias(2)), b);
            if (isStatic || cache.Key is null)
            {
                cache.Key = kh;
                cache.Value = vh;
            }
            else
            {
                cache.Key = Tensor.Concat([cache.Key, kh], 2);
                cache.Value = Tensor.Concat([cache.Value!, vh], 2);
            }
        }

        var s = cache.Length;
        Tensor? mask = null;
        if (!isStatic && l > 1)
        {
            // Query i (absolute position past + i) may see keys j ≤ past + i.
            var allowed = new bool[l * s];
            for (var i = 0; i < l; i++)
            {
                for (var j = 0; j <= past + i && j < s; j++)
                {
                    allowed[(i * s) + j] = true;
                }
            }

            mask = Tensor.Zeros(new Shape(l, s), q.DType).MaskedFill(Tensor.FromArray(allowed, new Shape(l, s)).Not(), double.NegativeInfinity);
        }

        mask = AddKeyPadding(mask, keyPaddingMask, b, s, q.DType);
        return Attend(qh, cache.Key!, cache.Value!, mask, needWeights: false, average: true).Output;
    }

    private (Tensor Output, Tensor? Weights) Attend(Tensor qh, Tensor kh, Tensor vh, Tensor? mask, bool needWeights, bool average)
    {
        var b = qh.ShapeArray[0];
        var t = qh.ShapeArray[2];
        var dropout = IsTraining ? DropoutP : 0;
        var generator = dropout > 0 ? new Generator(DropoutSeed ^ (0x9E3779B97F4A7C15UL * (ulong)(++Calls))) : null;
        Tensor heads;
        Tensor? weights = null;
        if (needWeights)
        {
            (heads, weights) = AttentionFunction.Composite(qh, kh, vh, mask, dropout, false, generator, null);
            if (average)
            {
                weights = weights.Mean(1);
            }
        }
        else
        {
            heads = AttentionFunction.Apply(qh, kh, vh, mask, dropout, false, generator, null);
        }

        var output = OutProj.Forward(heads.Transpose(1, 2).Reshape(b, t, EmbedDim));
        return (BatchFirst ? output : output.Transpose(0, 1), weights);
    }

    private (Tensor Q, Tensor K, Tensor V) Project(Tensor query0, Tensor key0, Tensor value0, Tensor q, Tensor k, Tensor v)
    {
        var b = q.ShapeArray[0];
        if (ReferenceEquals(query0, key0) && ReferenceEquals(key0, value0))
        {
            // Self-attention: one GEMM for the three projections.
            var qkv = LinearFunction.Apply(q, InProjWeight.Value, InProjBias?.Value).Chunk(3, -1);
            return (Heads(qkv[0], b), Heads(qkv[1], b), Heads(qkv[2], b));
        }

        return (Heads(LinearFunction.Apply(q, Slice(InProjWeight.Value, 0), SliceBias(0)), b),
            Heads(LinearFunction.Apply(k, Slice(InProjWeight.Value, 1), SliceBias(1)), b),
            Heads(LinearFunction.Apply(v, Slice(InProjWeight.Value, 2), SliceBias(2)), b));
    }

    private Tensor Slice(Tensor w, int part) => w.Narrow(0, part * EmbedDim, EmbedDim);

    private Tensor? SliceBias(int part) => InProjBias is null ? null : Slice(InProjBias.Value, part);

    // [B, T, E] → [B, H, T, hd]
    private Tensor Heads(Tensor x, int b) => x.Reshape(b, -1, NumHeads, HeadDim).Transpose(1, 2);

    private Tensor ToBatchFirst(Tensor x, string what)
    {
        ArgumentNullException.ThrowIfNull(x, what);
        if (x.Rank != 3 || x.ShapeArray[2] != EmbedDim)
        {
            throw new ArgumentException($"MultiheadAttention: {what} has shape {x.Shape}; expected {(BatchFirst ? "[B, T, E]" : "[T, B, E]")} with E = {EmbedDim}.");
        }

        return BatchFirst ? x : x.Transpose(0, 1);
    }

    // PyTorch 1.13 turns bool masks into −∞ and adds them: one float mask broadcastable to [B, H, T, S].
    private Tensor? CombineMasks(Tensor? attnMask, Tensor? keyPaddingMask, int b, int t, int s, DType dtype)
    {
        Tensor? mask = null;
        if (attnMask is not null)
        {
            if (attnMask.Rank == 2 && attnMask.ShapeArray[0] == t && attnMask.ShapeArray[1] == s)
            {
                mask = ToFloatMask(attnMask, dtype);
            }
            else if (attnMask.Rank == 3 && attnMask.ShapeArray[0] == b * NumHeads && attnMask.ShapeArray[1] == t && attnMask.ShapeArray[2] == s)
            {
                mask = ToFloatMask(attnMask, dtype).Reshape(b, NumHeads, t, s);
            }
            else
            {
                throw new ArgumentException($"MultiheadAttention: attnMask has shape {attnMask.Shape}; expected [{t}, {s}] or [{b * NumHeads}, {t}, {s}] (B·numHeads, T, S).");
            }
        }

        return AddKeyPadding(mask, keyPaddingMask, b, s, dtype);
    }

    private static Tensor? AddKeyPadding(Tensor? mask, Tensor? keyPaddingMask, int b, int s, DType dtype)
    {
        if (keyPaddingMask is null)
        {
            return mask;
        }

        if (keyPaddingMask.Rank != 2 || keyPaddingMask.ShapeArray[0] != b || keyPaddingMask.ShapeArray[1] != s)
        {
            throw new ArgumentException($"MultiheadAttention: keyPaddingMask has shape {keyPaddingMask.Shape}; expected [{b}, {s}] (B, S).");
        }

        var padding = ToFloatMask(keyPaddingMask, dtype).Reshape(b, 1, 1, s);
        return mask is null ? padding : mask + padding;
    }

    private static Tensor ToFloatMask(Tensor mask, DType dtype)
    {
        if (mask.DType == DType.Bool)
        {
            return Tensor.Zeros(mask.Shape, dtype).MaskedFill(mask, double.NegativeInfinity);
        }

        if (mask.DType != dtype)
        {
            throw new ArgumentException($"MultiheadAttention: a float mask must be {dtype.Name()} like the inputs, got {mask.DType.Name()}.");
        }

        return mask.Detach();
    }

    /// <inheritdoc />
    protected override string Describe() => $"MultiheadAttention(E={EmbedDim}, heads={NumHeads}, dropout={DropoutP}{(BatchFirst ? ", batch first" : "")})";
}
