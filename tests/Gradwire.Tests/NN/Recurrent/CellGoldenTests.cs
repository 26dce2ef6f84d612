using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Recurrent;

/// <summary>
/// RNNCell (tanh, relu), LSTMCell, GRUCell (batched and unbatched) and Embedding (padding_idx, negative
/// padding_idx, max_norm) against PyTorch 1.13 in float64. Cases in <c>goldens/cell_goldens.jsonl</c>, written
/// by <c>goldens/make_rnn_goldens.py</c>.
/// </summary>
public sealed class CellGoldenTests
{
    private const double Tolerance = 1e-12;

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "cell_goldens.jsonl");

    private static Tensor Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, new Shape(shape));
    }

    private static void Compare(string what, Tensor expected, Tensor? actual, List<string> failures)
    {
        if (actual is null)
        {
            failures.Add($"{what}: no gradient");
            return;
        }

        if (expected.Shape != actual.Shape)
        {
            failures.Add($"{what}: shape {actual.Shape}, PyTorch {expected.Shape}");
            return;
        }

        var e = expected.ToDoubleArray();
        var a = actual.Contiguous().ToDoubleArray();
        for (var i = 0; i < e.Length; i++)
        {
            if (!(Math.Abs(e[i] - a[i]) <= Tolerance * Math.Max(1, Math.Abs(e[i]))))
            {
                failures.Add($"{what}[{i}]: {a[i]:R}, PyTorch {e[i]:R}");
                return;
            }
        }
    }

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        var lines = File.ReadAllLines(GoldenPath());
        for (var i = 1; i < lines.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cell_or_embedding_matches_PyTorch(int line)
    {
        using var doc = JsonDocument.Parse(File.ReadAllLines(GoldenPath())[line]);
        var c = doc.RootElement;
        var kind = c.GetProperty("kind").GetString()!;
        var failures = new List<string>();
        if (kind == "embedding")
        {
            Embedding(c, failures);
            Assert.True(failures.Count == 0, $"embedding padding_idx={c.GetProperty("padding_idx")} max_norm={c.GetProperty("max_norm")}: " + string.Join("; ", failures));
            return;
        }

        var inputSize = c.GetProperty("input_size").GetInt32();
        var hidden = c.GetProperty("hidden_size").GetInt32();
        var g = new Generator(1);
        Module module = kind switch
        {
            "rnn_tanh" => new RNNCell(inputSize, hidden, g, nonlinearity: "tanh", dtype: DType.Float64),
            "rnn_relu" => new RNNCell(inputSize, hidden, g, nonlinearity: "relu", dtype: DType.Float64),
            "lstm" => new LSTMCell(inputSize, hidden, g, dtype: DType.Float64),
            "gru" => new GRUCell(inputSize, hidden, g, dtype: DType.Float64),
            _ => throw new InvalidDataException($"unknown kind {kind}"),
        };
        var keys = c.GetProperty("state_dict").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(keys, module.StateDict().Keys.ToArray());
        module.LoadStateDict(c.GetProperty("state_dict").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, Read));
        var x = Read(c.GetProperty("x"));
        x.RequiresGrad = true;
        var h = Read(c.GetProperty("h"));
        h.RequiresGrad = true;
        Tensor? cx = null;
        if (c.TryGetProperty("c", out var ce))
        {
            cx = Read(ce);
            cx.RequiresGrad = true;
        }

        Tensor hn;
        Tensor? cn = null;
        switch (module)
        {
            case RNNCell rnn: hn = rnn.Forward(x, h); break;
            case GRUCell gru: hn = gru.Forward(x, h); break;
            default: (hn, cn) = ((LSTMCell)module).Forward(x, (h, cx!)); break;
        }

        Compare("h'", Read(c.GetProperty("h_next")), hn, failures);
        var loss = (hn * Read(c.GetProperty("gh"))).Sum();
        if (cn is not null)
        {
            Compare("c'", Read(c.GetProperty("c_next")), cn, failures);
            loss = loss + (cn * Read(c.GetProperty("gc"))).Sum();
        }

        loss.Backward();
        Compare("grad x", Read(c.GetProperty("grad_x")), x.Grad, failures);
        Compare("grad h", Read(c.GetProperty("grad_h")), h.Grad, failures);
        if (cx is not null)
        {
            Compare("grad c", Read(c.GetProperty("grad_c")), cx.Grad, failures);
        }

        var named = module.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        foreach (var e in c.GetProperty("grad_params").EnumerateArray())
        {
            var name = e.GetProperty("name").GetString()!;
            Compare("grad " + name, Read(e), named[name].Grad, failures);
        }

        Assert.True(failures.Count == 0, $"{kind} unbatched={c.GetProperty("unbatched")}: " + string.Join("; ", failures));
    }

    private static void Embedding(JsonElement c, List<string> failures)
    {
        int? pad = c.GetProperty("padding_idx").ValueKind == JsonValueKind.Null ? null : c.GetProperty("padding_idx").GetInt32();
        double? maxNorm = c.GetProperty("max_norm").ValueKind == JsonValueKind.Null ? null : c.GetProperty("max_norm").GetDouble();
        var e = new Embedding(c.GetProperty("num").GetInt32(), c.GetProperty("dim").GetInt32(), new Generator(1), pad, maxNorm, DType.Float64);
        Assert.Equal(["weight"], e.StateDict().Keys.ToArray());
        e.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Read(c.GetProperty("weight")) });
        var ie = c.GetProperty("indices");
        var indices = Tensor.FromArray(
            ie.GetProperty("data").EnumerateArray().Select(v => v.GetInt64()).ToArray(),
            new Shape(ie.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray()));
        var y = e.Forward(indices);
        Compare("y", Read(c.GetProperty("y")), y, failures);
        (y * Read(c.GetProperty("gy"))).Sum().Backward();
        Compare("grad weight", Read(c.GetProperty("grad_weight")), e.Weight.Grad, failures);
        Compare("weight after max_norm", Read(c.GetProperty("weight_after")), e.Weight.Value, failures);
    }
}
