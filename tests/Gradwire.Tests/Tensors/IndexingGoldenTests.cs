using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>
/// Gradwire's indexing ops against PyTorch 1.13 in float64 (goldens/indexing_goldens.jsonl, made by
/// goldens/make_indexing_goldens.py): values, int64 indices and gradients, ties included.
/// </summary>
public sealed class IndexingGoldenTests
{
    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "indexing_goldens.jsonl");

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
    public void The_golden_file_has_the_expected_version_and_every_op()
    {
        var lines = File.ReadAllLines(GoldenPath());
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        var ops = lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("op").GetString()!).ToHashSet();
        string[] expected = ["gather", "index_select", "scatter_add", "max", "min", "argmax", "argmin", "sort", "topk", "one_hot"];
        Assert.True(ops.SetEquals(expected), string.Join(", ", ops));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_in_values_indices_and_gradients(int line)
    {
        using var doc = JsonDocument.Parse(File.ReadAllLines(GoldenPath())[line]);
        var c = doc.RootElement;
        var op = c.GetProperty("op").GetString()!;
        var args = c.GetProperty("args");
        var x = Tensor.FromArray(Doubles(c, "x"), new Shape(Ints(c, "shape")));
        if (op is "one_hot")
        {
            var labels = x.To(DType.Int64);
            var y = Tensor.OneHot(labels, args.GetProperty("classes").GetInt32());
            Assert.Equal(DType.Int64, y.DType);
            Assert.Equal(Ints(c, "values_shape"), y.Shape.Dims.ToArray());
            Assert.Equal(Longs(c, "values"), y.ToArray<long>());
            return;
        }

        if (op is "argmax" or "argmin")
        {
            var axisElement = args.GetProperty("axis");
            Tensor r = axisElement.ValueKind == JsonValueKind.Null
                ? op == "argmax" ? x.ArgMax() : x.ArgMin()
                : op == "argmax" ? x.ArgMax(axisElement.GetInt32()) : x.ArgMin(axisElement.GetInt32());
            Assert.Equal(DType.Int64, r.DType);
            Assert.Equal(Longs(c, "values"), r.ToArray<long>());
            return;
        }

        x.RequiresGrad = true;
        Tensor? src = null;
        Tensor values;
        Tensor? indices = null;
        var axis = args.GetProperty("axis").GetInt32();
        switch (op)
        {
            case "gather":
                values = x.Gather(axis, Tensor.FromArray(Longs(c, "index"), new Shape(Ints(c, "index_shape"))));
                break;
            case "index_select":
                values = x.IndexSelect(axis, Tensor.FromArray(Longs(c, "index")));
                break;
            case "scatter_add":
                src = Tensor.FromArray(Doubles(c, "src"), new Shape(Ints(c, "src_shape")));
                src.RequiresGrad = true;
                values = x.ScatterAdd(axis, Tensor.FromArray(Longs(c, "index"), new Shape(Ints(c, "index_shape"))), src);
                break;
            case "max":
            case "min":
                var keep = args.GetProperty("keepDim").GetBoolean();
                (values, indices) = op == "max" ? x.Max(axis, keep) : x.Min(axis, keep);
                break;
            case "sort":
                (values, indices) = x.Sort(axis, args.GetProperty("descending").GetBoolean());
                break;
            case "topk":
                (values, indices) = x.TopK(args.GetProperty("k").GetInt32(), axis, args.GetProperty("largest").GetBoolean());
                break;
            default:
                throw new InvalidOperationException(op);
        }

        Assert.Equal(Ints(c, "values_shape"), values.Shape.Dims.ToArray());
        TensorAssert.Values(Doubles(c, "values"), values, 1e-15);
        if (indices is not null)
        {
            Assert.Equal(DType.Int64, indices.DType);
            Assert.Equal(Ints(c, "values_shape"), indices.Shape.Dims.ToArray());
            Assert.Equal(Longs(c, "indices"), indices.ToArray<long>());
        }

        values.Backward(Tensor.FromArray(Doubles(c, "upstream"), values.Shape));
        TensorAssert.Values(Doubles(c, "grad"), x.Grad!, 1e-15);
        if (src is not null)
        {
            TensorAssert.Values(Doubles(c, "grad_src"), src.Grad!, 1e-15);
        }
    }

    private static double[] Doubles(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static long[] Longs(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).ToArray();

    private static int[] Ints(JsonElement c, string name) => c.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
