using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// Convolution, pooling, padding, unfold and fold against PyTorch 1.13 in float64: output, every input gradient
/// of <c>Σ output ⊙ up</c>, and max-pool indices. The cases are in <c>goldens/conv_goldens.jsonl</c>, written by
/// <c>goldens/make_conv_goldens.py</c> (rerun it to regenerate).
/// </summary>
public sealed class ConvGoldenTests
{
    private const double Tolerance = 1e-10;

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "conv_goldens.jsonl");

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

    private static Tensor Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, new Shape(shape));
    }

    private static (int H, int W) Pair(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? (e[0].GetInt32(), e[1].GetInt32()) : (e.GetInt32(), e.GetInt32());

    private static Tensor Run(string op, JsonElement a, Dictionary<string, Tensor> t, out Tensor? indices)
    {
        indices = null;
        t.TryGetValue("b", out var b);
        switch (op)
        {
            case "conv2d":
            {
                var p = a.GetProperty("padding");
                if (p.ValueKind == JsonValueKind.String)
                {
                    return Functional.Conv2d(t["x"], t["w"], b, p.GetString()!, a.GetProperty("stride").GetInt32(), a.GetProperty("dilation").GetInt32(), a.GetProperty("groups").GetInt32());
                }

                return Functional.Conv2d(t["x"], t["w"], b, Pair(a.GetProperty("stride")), Pair(p), Pair(a.GetProperty("dilation")), a.GetProperty("groups").GetInt32());
            }

            case "conv1d":
            {
                var p = a.GetProperty("padding");
                var s = a.GetProperty("stride").GetInt32();
                var d = a.GetProperty("dilation").GetInt32();
                var g = a.GetProperty("groups").GetInt32();
                return p.ValueKind == JsonValueKind.String
                    ? Functional.Conv1d(t["x"], t["w"], b, p.GetString()!, s, d, g)
                    : Functional.Conv1d(t["x"], t["w"], b, s, p.GetInt32(), d, g);
            }

            case "conv_transpose2d":
                return Functional.ConvTranspose2d(t["x"], t["w"], b, a.GetProperty("stride").GetInt32(), a.GetProperty("padding").GetInt32(),
                    a.GetProperty("output_padding").GetInt32(), a.GetProperty("groups").GetInt32(), a.GetProperty("dilation").GetInt32());

            case "max_pool2d":
            case "max_pool1d":
            {
                var k = a.GetProperty("kernel_size").GetInt32();
                var s = a.GetProperty("stride").GetInt32();
                var p = a.GetProperty("padding").GetInt32();
                var d = a.GetProperty("dilation").GetInt32();
                var cm = a.GetProperty("ceil_mode").GetBoolean();
                var (v, i) = op == "max_pool2d"
                    ? Functional.MaxPool2dWithIndices(t["x"], k, s, p, d, cm)
                    : Functional.MaxPool1dWithIndices(t["x"], k, s, p, d, cm);
                indices = i;
                return v;
            }

            case "avg_pool2d":
            {
                var dv = a.GetProperty("divisor_override");
                return Functional.AvgPool2d(t["x"], a.GetProperty("kernel_size").GetInt32(), a.GetProperty("stride").GetInt32(), a.GetProperty("padding").GetInt32(),
                    a.GetProperty("ceil_mode").GetBoolean(), a.GetProperty("count_include_pad").GetBoolean(), dv.ValueKind == JsonValueKind.Null ? null : dv.GetInt32());
            }

            case "adaptive_avg_pool2d":
                return Functional.AdaptiveAvgPool2d(t["x"], Pair(a.GetProperty("output_size")));

            case "pad":
            {
                var pad = a.GetProperty("pad").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                var mode = a.GetProperty("mode").GetString() switch
                {
                    "constant" => PadMode.Constant,
                    "reflect" => PadMode.Reflect,
                    "replicate" => PadMode.Replicate,
                    _ => PadMode.Circular,
                };
                return Functional.Pad(t["x"], pad, mode, a.GetProperty("value").GetDouble());
            }

            case "unfold":
                return Functional.Unfold(t["x"], Pair(a.GetProperty("kernel_size")), Pair(a.GetProperty("dilation")), Pair(a.GetProperty("padding")), Pair(a.GetProperty("stride")));

            case "fold":
                return Functional.Fold(t["x"], Pair(a.GetProperty("output_size")), Pair(a.GetProperty("kernel_size")), Pair(a.GetProperty("dilation")),
                    Pair(a.GetProperty("padding")), Pair(a.GetProperty("stride")));

            default:
                throw new InvalidDataException($"unknown op {op}");
        }
    }

    [Fact]
    public void Golden_file_is_version_1()
    {
        using var header = JsonDocument.Parse(File.ReadLines(GoldenPath()).First());
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Op_matches_pytorch_output_gradients_and_indices(int line)
    {
        using var doc = JsonDocument.Parse(File.ReadLines(GoldenPath()).ElementAt(line));
        var c = doc.RootElement;
        var op = c.GetProperty("op").GetString()!;
        var inputs = new Dictionary<string, Tensor>();
        foreach (var p in c.GetProperty("inputs").EnumerateObject())
        {
            var x = Read(p.Value);
            x.RequiresGrad = true;
            inputs[p.Name] = x;
        }

        var y = Run(op, c.GetProperty("args"), inputs, out var indices);
        var expected = Read(c.GetProperty("output"));
        Assert.Equal(expected.Shape, y.Shape);
        TensorAssert.Close(expected, y, Tolerance);
        if (indices is not null)
        {
            Assert.Equal(DType.Int64, indices.DType);
            TensorAssert.Close(Read(c.GetProperty("indices")), indices.To(DType.Float64), 0);
        }

        (y * Read(c.GetProperty("up"))).Sum().Backward();
        foreach (var g in c.GetProperty("grads").EnumerateObject())
        {
            var grad = inputs[g.Name].Grad;
            Assert.NotNull(grad);
            TensorAssert.Close(Read(g.Value), grad, Tolerance);
        }
    }
}
