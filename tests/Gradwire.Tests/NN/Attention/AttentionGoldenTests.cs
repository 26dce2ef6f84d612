using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Attention;

/// <summary>
/// LayerNorm, scaled dot-product attention, MultiheadAttention, the Transformer encoder/decoder layers and a
/// 2+2-layer nn.Transformer against PyTorch 1.13 in float64: outputs and the gradients of every input and parameter,
/// with PyTorch's state-dict keys loaded as they are. Cases in <c>goldens/attention_goldens.jsonl</c>, written by
/// <c>goldens/make_attention_goldens.py</c> (rerun it to regenerate).
/// </summary>
public sealed class AttentionGoldenTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        var count = File.ReadAllLines(GoldenPath()).Length - 1;
        for (var i = 1; i <= count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void The_golden_file_has_the_expected_version_and_every_kind()
    {
        var lines = File.ReadAllLines(GoldenPath());
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        var kinds = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).ToHashSet();
        foreach (var kind in new[] { "layer_norm", "sdpa", "mha", "encoder_layer", "decoder_layer", "transformer" })
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_and_gradients_match_pytorch(int line)
    {
        using var doc = JsonDocument.Parse(File.ReadAllLines(GoldenPath())[line]);
        var c = doc.RootElement;
        var kind = c.GetProperty("kind").GetString()!;
        var o = c.GetProperty("options");
        var inputs = new Dictionary<string, Tensor>();
        foreach (var p in c.GetProperty("inputs").EnumerateObject())
        {
            var t = Read(p.Value);
            if (t.DType == DType.Float64 && !p.Name.Contains("mask", StringComparison.Ordinal))
            {
                t.RequiresGrad = true;
            }

            inputs[p.Name] = t;
        }

        Tensor? Opt(string name) => inputs.TryGetValue(name, out var t) ? t : null;
        var generator = new Generator(1);
        Module? module = null;
        Tensor output;
        Tensor? weights = null;
        switch (kind)
        {
            case "layer_norm":
            {
                var shape = o.GetProperty("normalized_shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                var ln = new LayerNorm(shape, o.GetProperty("eps").GetDouble(), o.GetProperty("affine").GetBoolean(), DType.Float64);
                module = Load(ln, c);
                output = ln.Forward(inputs["x"]);
                break;
            }

            case "sdpa":
            {
                var mask = Opt("mask");
                output = Gradwire.NN.Attention.ScaledDotProductAttention(inputs["q"], inputs["k"], inputs["v"], mask, isCausal: o.GetProperty("causal").GetBoolean());
                break;
            }

            case "mha":
            {
                var mha = new MultiheadAttention(o.GetProperty("embed_dim").GetInt32(), o.GetProperty("num_heads").GetInt32(), generator,
                    batchFirst: o.GetProperty("batch_first").GetBoolean(), dtype: DType.Float64);
                module = Load(mha, c);
                var q = inputs["query"];
                var k = Opt("key") ?? q;
                (output, weights) = mha.Forward(new MultiheadAttentionInput(q, k, k, Opt("key_padding_mask"), Opt("attn_mask"),
                    o.GetProperty("need_weights").GetBoolean(), o.GetProperty("average").GetBoolean()));
                break;
            }

            case "encoder_layer":
            {
                var layer = new TransformerEncoderLayer(Options(o), generator);
                module = Load(layer, c);
                output = layer.Forward(inputs["src"], null, Opt("src_key_padding_mask"));
                break;
            }

            case "decoder_layer":
            {
                var layer = new TransformerDecoderLayer(Options(o), generator);
                module = Load(layer, c);
                output = layer.Forward(new TransformerDecoderInput(inputs["tgt"], inputs["memory"], Opt("tgt_mask"), null, null, Opt("memory_key_padding_mask")));
                break;
            }

            case "transformer":
            {
                var model = new Transformer(Options(o), o.GetProperty("num_encoder_layers").GetInt32(), o.GetProperty("num_decoder_layers").GetInt32(), generator);
                module = Load(model, c);
                var padding = Opt("src_key_padding_mask");
                output = model.Forward(new TransformerInput(inputs["src"], inputs["tgt"], TgtMask: Opt("tgt_mask"), SrcKeyPaddingMask: padding, MemoryKeyPaddingMask: padding));
                break;
            }

            default:
                throw new InvalidDataException($"unknown kind {kind}");
        }

        var failures = new List<string>();
        Compare("output", Read(c.GetProperty("output")), output, failures);
        if (weights is not null)
        {
            Compare("weights", Read(c.GetProperty("weights")), weights, failures);
        }

        (output * Read(c.GetProperty("upstream"))).Sum().Backward();
        var parameters = module?.NamedParameters().ToDictionary(p => p.Key, p => p.Value) ?? [];
        foreach (var g in c.GetProperty("grads").EnumerateObject())
        {
            Tensor? actual = g.Name.StartsWith("param:", StringComparison.Ordinal)
                ? parameters[g.Name["param:".Length..]].Value.Grad
                : inputs[g.Name].Grad;
            if (actual is null)
            {
                failures.Add($"{g.Name}: no gradient");
                continue;
            }

            Compare("grad " + g.Name, Read(g.Value), actual, failures);
        }

        Assert.True(failures.Count == 0, $"{kind} {o}: " + string.Join("\n", failures));
    }

    private static TransformerOptions Options(JsonElement o) => new(
        o.GetProperty("d_model").GetInt32(),
        o.GetProperty("nhead").GetInt32(),
        o.GetProperty("dim_feedforward").GetInt32(),
        Dropout: 0,
        Activation: o.TryGetProperty("activation", out var a) && a.GetString() == "gelu" ? TransformerActivation.Gelu : TransformerActivation.Relu,
        NormFirst: o.TryGetProperty("norm_first", out var n) && n.GetBoolean(),
        DType: DType.Float64);

    private static Module Load(Module module, JsonElement c)
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var p in c.GetProperty("state").EnumerateObject())
        {
            state[p.Name] = Read(p.Value);
        }

        module.LoadStateDict(state);
        return module;
    }

    internal static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "attention_goldens.jsonl");

    internal static Tensor Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
            ? (v.GetString() == "-inf" ? double.NegativeInfinity : double.PositiveInfinity)
            : v.GetDouble()).ToArray();
        if (e.TryGetProperty("bool", out var b) && b.GetBoolean())
        {
            return Tensor.FromArray(data.Select(d => d != 0).ToArray(), new Shape(shape));
        }

        return Tensor.FromArray(data, new Shape(shape));
    }

    private static void Compare(string what, Tensor expected, Tensor actual, List<string> failures)
    {
        if (!expected.Shape.Equals(actual.Shape))
        {
            failures.Add($"{what}: shape {actual.Shape}, expected {expected.Shape}");
            return;
        }

        var e = expected.ToDoubleArray();
        var a = actual.Contiguous().ToDoubleArray();
        for (var i = 0; i < e.Length; i++)
        {
            if (!(Math.Abs(e[i] - a[i]) <= Tolerance * (1 + Math.Abs(e[i]))))
            {
                failures.Add($"{what}[{i}]: {a[i]}, expected {e[i]}");
                return;
            }
        }
    }
}
