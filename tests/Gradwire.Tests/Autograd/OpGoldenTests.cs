using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.Tensors;

namespace Gradwire.Tests.Autograd;

/// <summary>
/// The ops added with the rule table against PyTorch 1.13 in float64 (goldens/op_goldens.jsonl, made by
/// goldens/make_op_goldens.py): the output, the gradient of Σ w ⊙ out, and the second-order product
/// ∂(Σ grad ⊙ v)/∂x built with createGraph.
/// </summary>
public sealed class OpGoldenTests
{
    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "op_goldens.jsonl");

    private static readonly Lazy<Dictionary<string, string>> Lines = new(() =>
    {
        var lines = File.ReadAllLines(GoldenPath());
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        var byName = new Dictionary<string, string>();
        foreach (var line in lines.Skip(1))
        {
            using var doc = JsonDocument.Parse(line);
            byName[doc.RootElement.GetProperty("name").GetString()!] = line;
        }

        return byName;
    });

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Lines.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_golden_file_covers_every_new_op()
    {
        var ops = Lines.Value.Values.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("op").GetString()).ToHashSet();
        foreach (var op in new[] { "log1p", "expm1", "erf", "erfc", "erfinv", "silu", "softplus", "gelu", "prod", "norm", "flip", "tril", "triu", "einsum" })
        {
            Assert.Contains(op, ops);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Output_gradient_and_second_order_match_pytorch(string name)
    {
        using var doc = JsonDocument.Parse(Lines.Value[name]);
        var root = doc.RootElement;
        var f = Function(root.GetProperty("op").GetString()!, root.GetProperty("args"));
        var inputs = root.GetProperty("inputs").EnumerateArray().Select(ReadTensor).ToArray();
        using var enable = Tensor.EnableGrad();
        foreach (var x in inputs)
        {
            x.RequiresGrad = true;
        }

        var output = f(inputs);
        var expectedOut = root.GetProperty("out");
        Assert.Equal(expectedOut.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(), output.Shape.Dims.ToArray());
        // NOTE: the tanh GELU computes 1 + tanh(u) with tanh(u) near −1 for negative x: the cancellation
        // magnifies the last-bit difference between two tanh implementations, so it gets a looser bound.
        var relative = name == "gelu_tanh" ? 1e-10 : 1e-12;
        Compare(name, "out", Doubles(expectedOut.GetProperty("data")), output.ToDoubleArray(), absolute: 1e-305, relative);

        var w = Tensor.FromArray(Doubles(root.GetProperty("w")), output.Shape);
        var grads = Diff.Gradients([(output * w).Sum()], inputs, null, createGraph: true);
        var expectedGrads = root.GetProperty("grads").EnumerateArray().ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            Compare(name, $"grad {i}", Doubles(expectedGrads[i]), grads[i].ToDoubleArray(), absolute: 0, relative);
        }

        if (root.GetProperty("grad2").ValueKind == JsonValueKind.Null)
        {
            return;
        }

        var v = root.GetProperty("v").EnumerateArray().ToArray();
        var total = Tensor.Scalar(0, DType.Float64);
        for (var i = 0; i < inputs.Length; i++)
        {
            total = total + (grads[i] * Tensor.FromArray(Doubles(v[i]), inputs[i].Shape)).Sum();
        }

        var second = total.RequiresGrad ? Diff.Gradients([total], inputs) : Array.ConvertAll(inputs, Tensor.ZerosLike);
        var expectedSecond = root.GetProperty("grad2").EnumerateArray().ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            Compare(name, $"grad2 {i}", Doubles(expectedSecond[i]), second[i].ToDoubleArray(), absolute: 0, relative);
        }
    }

    /// <summary>The golden's norm order: a number, or the string "inf" for the max norm.</summary>
    private static double NormOrder(JsonElement args)
    {
        var pe = args.GetProperty("p");
        return pe.ValueKind == JsonValueKind.String ? double.PositiveInfinity : pe.GetDouble();
    }

    private static Func<Tensor[], Tensor> Function(string op, JsonElement args)
    {
        int? axis = args.TryGetProperty("axis", out var a) ? a.GetInt32() : null;
        var keepDim = args.TryGetProperty("keepDim", out var k) && k.GetBoolean();
        return op switch
        {
            "log1p" => xs => xs[0].Log1p(),
            "expm1" => xs => xs[0].Expm1(),
            "erf" => xs => xs[0].Erf(),
            "erfc" => xs => xs[0].Erfc(),
            "erfinv" => xs => xs[0].Erfinv(),
            "silu" => xs => xs[0].Silu(),
            "softplus" => xs => xs[0].Softplus(args.GetProperty("beta").GetDouble(), args.GetProperty("threshold").GetDouble()),
            "gelu" => xs => xs[0].Gelu(args.GetProperty("approximate").GetString()!),
            "prod" => xs => axis is { } ax ? xs[0].Prod(ax, keepDim) : xs[0].Prod(),
            "norm" => xs => axis is { } ax ? xs[0].Norm(NormOrder(args), ax, keepDim) : xs[0].Norm(NormOrder(args)),
            "flip" => xs => xs[0].Flip(args.GetProperty("axes").EnumerateArray().Select(e => e.GetInt32()).ToArray()),
            "tril" => xs => xs[0].Tril(args.GetProperty("diagonal").GetInt32()),
            "triu" => xs => xs[0].Triu(args.GetProperty("diagonal").GetInt32()),
            "einsum" => xs => Tensor.Einsum(args.GetProperty("equation").GetString()!, xs),
            _ => throw new ArgumentException($"no op {op} in the golden test"),
        };
    }

    private static Tensor ReadTensor(JsonElement e) =>
        Tensor.FromArray(Doubles(e.GetProperty("data")), Shape.Create(e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray()));

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Within <paramref name="relative"/> of each value, plus 1e-14 of the array's largest magnitude (rounding in sums).</summary>
    private static void Compare(string name, string what, double[] expected, double[] actual, double absolute, double relative)
    {
        Assert.True(expected.Length == actual.Length, $"{name} {what}: expected {expected.Length} values, got {actual.Length}");
        var scale = expected.Length == 0 ? 0 : expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = relative * Math.Abs(expected[i]) + (absolute > 0 ? absolute : 1e-14 * scale);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{name} {what}[{i}]: PyTorch {expected[i]:R}, Gradwire {actual[i]:R}");
        }
    }
}
