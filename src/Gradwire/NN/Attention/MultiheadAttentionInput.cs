using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The arguments of <see cref="MultiheadAttention.Forward(MultiheadAttentionInput)"/>, as PyTorch's
/// <c>forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)</c>.
/// </summary>
/// <param name="Query">[T, B, E], or [B, T, E] when batch-first.</param>
/// <param name="Key">[S, B, E], or [B, S, E].</param>
/// <param name="Value">[S, B, E], or [B, S, E].</param>
/// <param name="KeyPaddingMask">[B, S]: bool (True = ignore that key, a padding position) or float (added).</param>
/// <param name="AttnMask">[T, S] or [B·numHeads, T, S]: bool (True = may NOT attend, PyTorch's MultiheadAttention convention) or float (added).</param>
/// <param name="NeedWeights">Whether to return the attention weights.</param>
/// <param name="AverageAttnWeights">Average the weights over heads ([B, T, S]) rather than per head ([B, H, T, S]).</param>
public sealed record MultiheadAttentionInput(
    Tensor Query,
    Tensor Key,
    Tensor Value,
    Tensor? KeyPaddingMask = null,
    Tensor? AttnMask = null,
    bool NeedWeights = true,
    bool AverageAttnWeights = true);
