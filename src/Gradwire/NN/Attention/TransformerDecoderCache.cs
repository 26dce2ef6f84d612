namespace Gradwire.NN;

/// <summary>
/// The key/value caches of a <see cref="TransformerDecoder"/> during incremental decoding: per layer, the
/// self-attention keys and values of the positions decoded so far (appended each step) and the memory's
/// cross-attention keys and values (computed on the first step).
/// </summary>
public sealed class TransformerDecoderCache
{
    /// <summary>Creates empty caches for <paramref name="numLayers"/> layers.</summary>
    public TransformerDecoderCache(int numLayers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numLayers, 1);
        var self = new KeyValueCache[numLayers];
        var cross = new KeyValueCache[numLayers];
        for (var i = 0; i < numLayers; i++)
        {
            self[i] = new KeyValueCache();
            cross[i] = new KeyValueCache();
        }

        SelfAttention = self;
        CrossAttention = cross;
    }

    /// <summary>Per layer, the self-attention cache.</summary>
    public IReadOnlyList<KeyValueCache> SelfAttention { get; }

    /// <summary>Per layer, the cross-attention (memory) cache.</summary>
    public IReadOnlyList<KeyValueCache> CrossAttention { get; }

    /// <summary>Target positions decoded so far.</summary>
    public int Length => SelfAttention[0].Length;

    /// <summary>Forgets everything (a new source or sequence).</summary>
    public void Clear()
    {
        for (var i = 0; i < SelfAttention.Count; i++)
        {
            SelfAttention[i].Clear();
            CrossAttention[i].Clear();
        }
    }
}
