using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The projected keys and values one <see cref="MultiheadAttention"/> has seen during incremental decoding, each
/// [B, numHeads, S, headDim]. Self-attention appends each step's keys and values; cross-attention (memory)
/// fills it once and reuses it.
/// </summary>
public sealed class KeyValueCache
{
    /// <summary>The cached keys [B, H, S, headDim], or null before the first step.</summary>
    public Tensor? Key { get; internal set; }

    /// <summary>The cached values [B, H, S, headDim], or null before the first step.</summary>
    public Tensor? Value { get; internal set; }

    /// <summary>How many key positions are cached (S).</summary>
    public int Length => Key?.ShapeArray[2] ?? 0;

    /// <summary>Forgets everything (start a new sequence).</summary>
    public void Clear()
    {
        Key = null;
        Value = null;
    }
}
