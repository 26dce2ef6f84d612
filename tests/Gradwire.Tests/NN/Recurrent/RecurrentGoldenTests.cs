using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Recurrent;

/// <summary>
/// RNN (tanh, relu), LSTM and GRU × {1, 2 layers} × {uni, bi} × batch-first × {full, variable lengths} against
/// PyTorch 1.13 in float64: outputs, final states, the gradients wrt the input, initial states and every
/// parameter, and the state-dict key list. Cases in <c>goldens/rnn_goldens.jsonl</c>, written by
/// <c>goldens/make_rnn_goldens.py</c> (rerun it to regenerate).
/// </summary>
public sealed class RecurrentGoldenTests
{
    private const double Tolerance = 1e-11;

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "rnn_goldens.jsonl");

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

    [Fact]
    public void The_golden_file_has_a_versioned_header_and_every_configuration()
    {
        var lines = File.ReadAllLines(GoldenPath());
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(64, lines.Length - 1);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_PyTorch_outputs_states_and_gradients(int line)
    {
        using var doc = JsonDocument.Parse(File.ReadAllLines(GoldenPath())[line]);
        var c = doc.RootElement;
        var kind = c.GetProperty("kind").GetString()!;
        var layers = c.GetProperty("layers").GetInt32();
        var bi = c.GetProperty("bidirectional").GetBoolean();
        var batchFirst = c.GetProperty("batch_first").GetBoolean();
        var inputSize = c.GetProperty("input_size").GetInt32();
        var hidden = c.GetProperty("hidden_size").GetInt32();
        var g = new Generator(1);
        Module module = kind switch
        {
            "rnn_tanh" => new RNN(inputSize, hidden, g, layers, "tanh", batchFirst: batchFirst, bidirectional: bi, dtype: DType.Float64),
            "rnn_relu" => new RNN(inputSize, hidden, g, layers, "relu", batchFirst: batchFirst, bidirectional: bi, dtype: DType.Float64),
            "lstm" => new LSTM(inputSize, hidden, g, layers, batchFirst: batchFirst, bidirectional: bi, dtype: DType.Float64),
            "gru" => new GRU(inputSize, hidden, g, layers, batchFirst: batchFirst, bidirectional: bi, dtype: DType.Float64),
            _ => throw new InvalidDataException($"unknown kind {kind}"),
        };
        var what = $"{kind} layers={layers} bi={bi} batch_first={batchFirst} lengths={c.GetProperty("lengths")}";

        var keys = c.GetProperty("state_dict").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(keys, module.StateDict().Keys.ToArray());
        module.LoadStateDict(c.GetProperty("state_dict").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, Read));

        var x = Read(c.GetProperty("x"));
        x.RequiresGrad = true;
        var h0 = Read(c.GetProperty("h0"));
        h0.RequiresGrad = true;
        Tensor? c0 = null;
        if (c.TryGetProperty("c0", out var c0e))
        {
            c0 = Read(c0e);
            c0.RequiresGrad = true;
        }

        Tensor? lengths = c.GetProperty("lengths").ValueKind == JsonValueKind.Null
            ? null
            : Tensor.FromArray(c.GetProperty("lengths").EnumerateArray().Select(v => v.GetInt64()).ToArray());
        Tensor y, hn;
        Tensor? cn = null;
        switch (module)
        {
            case RNN rnn: (y, hn) = rnn.Forward(x, h0, lengths); break;
            case GRU gru: (y, hn) = gru.Forward(x, h0, lengths); break;
            default:
            {
                var (yy, st) = ((LSTM)module).Forward(x, (h0, c0!), lengths);
                (y, hn, cn) = (yy, st.H, st.C);
                break;
            }
        }

        var failures = new List<string>();
        Compare("y", Read(c.GetProperty("y")), y, failures);
        Compare("h_n", Read(c.GetProperty("h_n")), hn, failures);
        var loss = (y * Read(c.GetProperty("gy"))).Sum() + (hn * Read(c.GetProperty("gh"))).Sum();
        if (cn is not null)
        {
            Compare("c_n", Read(c.GetProperty("c_n")), cn, failures);
            loss = loss + (cn * Read(c.GetProperty("gc"))).Sum();
        }

        loss.Backward();
        Compare("grad x", Read(c.GetProperty("grad_x")), x.Grad, failures);
        Compare("grad h0", Read(c.GetProperty("grad_h0")), h0.Grad, failures);
        if (c0 is not null)
        {
            Compare("grad c0", Read(c.GetProperty("grad_c0")), c0.Grad, failures);
        }

        var named = module.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        foreach (var e in c.GetProperty("grad_params").EnumerateArray())
        {
            var name = e.GetProperty("name").GetString()!;
            Compare("grad " + name, Read(e), named[name].Grad, failures);
        }

        Assert.True(failures.Count == 0, what + ": " + string.Join("; ", failures));
    }
}
