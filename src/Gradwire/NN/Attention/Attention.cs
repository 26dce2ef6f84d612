using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>Attention as functions (PyTorch 2.x's <c>torch.nn.functional.scaled_dot_product_attention</c>).</summary>
public static class Attention
{
    /// <summary>
    /// <c>softmax(Q·Kᵀ·scale + M)·V</c> for query [..., T, d], key [..., S, d], value [..., S, dv] (same leading
    /// axes, e.g. [B, H, ·, ·]) → [..., T, dv]; <c>scale</c> defaults to <c>1/√d</c>.
    /// </summary>
    /// <param name="query">Queries [..., T, d].</param>
    /// <param name="key">Keys [..., S, d].</param>
    /// <param name="value">Values [..., S, dv].</param>
    /// <param name="attnMask">Broadcastable to [..., T, S]: bool (True = may attend) or float (added to the scores, e.g. −∞).</param>
    /// <param name="dropoutP">Dropout probability on the attention weights (needs <paramref name="generator"/>).</param>
    /// <param name="isCausal">Query i attends to keys j ≤ i only (not together with <paramref name="attnMask"/>).</param>
    /// <param name="generator">The seeded source of the dropout mask.</param>
    /// <param name="scale">The score scale; null for <c>1/√d</c>.</param>
    /// <remarks>A query row whose keys are all masked gives NaN, as in PyTorch.</remarks>
    public static Tensor ScaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        double dropoutP = 0, bool isCausal = false, Generator? generator = null, double? scale = null) =>
        AttentionFunction.Apply(query, key, value, attnMask, dropoutP, isCausal, generator, scale);
}
