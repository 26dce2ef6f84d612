using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Attention;

/// <summary>The KV cache, state-dict names, masks, positional encodings and the Transformer schedule.</summary>
public sealed class TransformerBehaviourTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -1, 1, DType.Float64);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Incremental_decoding_with_the_kv_cache_equals_full_recomputation_with_the_causal_mask(bool normFirst, bool batchFirst)
    {
        var options = new TransformerOptions(8, 2, 16, Dropout: 0, NormFirst: normFirst, BatchFirst: batchFirst, DType: DType.Float64);
        var decoder = new TransformerDecoder(options, 2, new Generator(3), finalNorm: true);
        const int T = 5, S = 4, B = 3;
        var tgt = batchFirst ? Random(4, B, T, 8) : Random(4, T, B, 8);
        var memory = batchFirst ? Random(5, B, S, 8) : Random(5, S, B, 8);
        var padding = Tensor.FromArray([false, false, false, false, false, false, false, true, false, false, true, true], new Shape(B, S));
        var full = decoder.Forward(new TransformerDecoderInput(tgt, memory, Transformer.GenerateSquareSubsequentMask(T, DType.Float64), MemoryKeyPaddingMask: padding));
        var cache = new TransformerDecoderCache(2);
        var time = batchFirst ? 1 : 0;
        var steps = new List<Tensor>();
        for (var t = 0; t < T; t++)
        {
            steps.Add(decoder.ForwardStep(tgt.Narrow(time, t, 1), memory, cache, padding));
        }

        Assert.Equal(T, cache.Length);
        var incremental = Tensor.Concat(steps.ToArray(), time);
        Assert.True(full.AllClose(incremental, 1e-12, 1e-12));

        // Two positions at a time (a prefix, then the rest) give the same rows too.
        cache.Clear();
        var chunked = Tensor.Concat([decoder.ForwardStep(tgt.Narrow(time, 0, 2), memory, cache, padding), decoder.ForwardStep(tgt.Narrow(time, 2, 3), memory, cache, padding)], time);
        Assert.True(full.AllClose(chunked, 1e-12, 1e-12));
    }

    [Fact]
    public void The_state_dict_uses_pytorchs_names()
    {
        var model = new Transformer(new TransformerOptions(8, 2, 16), 2, 1, new Generator(1));
        var keys = model.StateDict().Keys.ToHashSet();
        foreach (var key in new[]
        {
            "encoder.layers.0.self_attn.in_proj_weight", "encoder.layers.1.self_attn.out_proj.bias", "encoder.layers.0.linear1.weight",
            "encoder.layers.0.norm2.bias", "encoder.norm.weight", "decoder.layers.0.multihead_attn.in_proj_bias", "decoder.layers.0.norm3.weight",
            "decoder.norm.bias",
        })
        {
            Assert.Contains(key, keys);
        }

        Assert.Equal(2 * 12 + 2 + 18 + 2, keys.Count);
    }

    [Fact]
    public void Multihead_attention_initializes_as_pytorch_does()
    {
        var mha = new MultiheadAttention(16, 4, new Generator(2));
        Assert.Equal([48, 16], mha.InProjWeight.Value.ShapeArray);
        Assert.All(mha.InProjBias!.Value.ToFloatArray(), b => Assert.Equal(0f, b));
        Assert.All(mha.OutProj.Bias!.Value.ToFloatArray(), b => Assert.Equal(0f, b));
        var bound = Math.Sqrt(6.0 / (16 + 48)); // Xavier-uniform over [3E, E]
        Assert.All(mha.InProjWeight.Value.ToFloatArray(), w => Assert.InRange(w, -bound, bound));
    }

    [Fact]
    public void The_square_subsequent_mask_is_minus_infinity_above_the_diagonal()
    {
        var mask = Transformer.GenerateSquareSubsequentMask(3).ToFloatArray();
        Assert.Equal([0f, float.NegativeInfinity, float.NegativeInfinity, 0f, 0f, float.NegativeInfinity, 0f, 0f, 0f], mask);
    }

    [Fact]
    public void Multihead_attention_weights_are_a_distribution_over_unpadded_keys()
    {
        var mha = new MultiheadAttention(8, 2, new Generator(6), batchFirst: true, dtype: DType.Float64);
        var x = Random(7, 2, 4, 8);
        var padding = Tensor.FromArray([false, false, false, true, false, false, false, false], new Shape(2, 4));
        var (_, weights) = mha.Forward(new MultiheadAttentionInput(x, x, x, padding));
        var w = weights!.ToDoubleArray();
        Assert.Equal([2, 4, 4], weights.ShapeArray);
        for (var row = 0; row < 8; row++)
        {
            Assert.Equal(1.0, w[(row * 4)..((row * 4) + 4)].Sum(), 12);
        }

        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(0.0, w[(t * 4) + 3]); // batch 0 never attends to its padded key
        }
    }

    [Fact]
    public void Sinusoidal_encoding_follows_the_papers_formula()
    {
        var pe = new SinusoidalPositionalEncoding(6, 10, batchFirst: true, dtype: DType.Float64);
        var table = pe.Table.ToDoubleArray();
        for (var pos = 0; pos < 10; pos++)
        {
            for (var i = 0; i < 3; i++)
            {
                var angle = pos / Math.Pow(10000, 2.0 * i / 6);
                Assert.Equal(Math.Sin(angle), table[(pos * 6) + (2 * i)], 14);
                Assert.Equal(Math.Cos(angle), table[(pos * 6) + (2 * i) + 1], 14);
            }
        }

        var x = Tensor.Zeros(new Shape(2, 3, 6), DType.Float64);
        Assert.True(pe.Forward(x, 4).Select(0, 1).AllClose(pe.Table.Narrow(0, 4, 3), 0, 0));
        Assert.Empty(pe.StateDict()); // recomputed, never saved
        Assert.Throws<ArgumentException>(() => pe.Forward(x, 8));
    }

    [Fact]
    public void Learned_positional_embeddings_are_a_trained_parameter()
    {
        var pe = new LearnedPositionalEmbedding(10, 4, new Generator(8), dtype: DType.Float64);
        var x = Random(9, 3, 2, 4);
        pe.Forward(x).Sum().Backward();
        var grad = pe.Weight.Value.Grad!.ToDoubleArray();
        Assert.All(grad[..12], g => Assert.Equal(2.0, g)); // rows 0..2, each seen by 2 batch items
        Assert.All(grad[12..], g => Assert.Equal(0.0, g));
        Assert.Contains("weight", pe.StateDict().Keys);
    }

    [Fact]
    public void The_inverse_sqrt_schedule_warms_up_linearly_then_decays_as_one_over_root_step()
    {
        var noam = new InverseSqrtSchedule(512, 4000);
        Assert.Equal(Math.Pow(512, -0.5) * 1 * Math.Pow(4000, -1.5), noam.Rate(0), 15);
        Assert.Equal(Math.Pow(512, -0.5) * Math.Pow(4000, -0.5), noam.Rate(3999), 15);
        Assert.Equal(Math.Pow(512, -0.5) * Math.Pow(16000, -0.5), noam.Rate(15999), 15);
        var peak = InverseSqrtSchedule.FromPeak(5e-4, 100);
        Assert.Equal(5e-4, peak.Rate(99), 15);
        Assert.Equal(5e-4 * 50 / 100, peak.Rate(49), 15);
        Assert.Equal(5e-4 * Math.Sqrt(100.0 / 400), peak.Rate(399), 15);
        Assert.True(peak.Rate(98) < peak.Rate(99) && peak.Rate(100) < peak.Rate(99));
    }
}
