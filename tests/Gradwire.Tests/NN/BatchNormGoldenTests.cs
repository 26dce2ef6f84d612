using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// BatchNorm1d/2d against PyTorch 1.13: outputs, gradients and running statistics over training steps followed by
/// an evaluation step, from <c>goldens/batchnorm_goldens.json</c> (written by <c>goldens/make_batchnorm_goldens.py</c>).
/// </summary>
public sealed class BatchNormGoldenTests
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Document.Value.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_gradients_and_running_statistics_match_pytorch(string name)
    {
        var c = Case(name);
        var module = Create(c, DType.Float64);
        var shape = new Shape([.. c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())]);
        var step = 0;
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            module.Train(s.GetProperty("train").GetBoolean());
            module.ZeroGrad(setToNull: true);
            var x = Tensor.FromArray(Numbers(s, "x"), shape);
            x.RequiresGrad = true;
            var y = module.Forward(x);
            (y * Tensor.FromArray(Numbers(s, "g"), shape)).Sum().Backward();
            AssertClose(Numbers(s, "y"), y, $"{name} step {step} y");
            AssertClose(Numbers(s, "dx"), x.Grad!, $"{name} step {step} dx");
            if (module.Affine)
            {
                AssertClose(Numbers(s, "dw"), module.Weight!.Value.Grad!, $"{name} step {step} dweight");
                AssertClose(Numbers(s, "db"), module.Bias!.Value.Grad!, $"{name} step {step} dbias");
            }

            step++;
        }

        if (module.TrackRunningStats)
        {
            AssertClose(Numbers(c, "running_mean"), module.RunningMean!, $"{name} running_mean");
            AssertClose(Numbers(c, "running_var"), module.RunningVar!, $"{name} running_var");
            Assert.Equal(c.GetProperty("num_batches_tracked").GetInt64(), (long)module.NumBatchesTracked!.Item());
        }
        else
        {
            Assert.Null(module.RunningMean);
            Assert.Empty(module.NamedBuffers());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32_follows_the_float64_goldens_within_float32_rounding(string name)
    {
        var c = Case(name);
        var module = Create(c, DType.Float32);
        var shape = new Shape([.. c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())]);
        foreach (var s in c.GetProperty("steps").EnumerateArray())
        {
            module.Train(s.GetProperty("train").GetBoolean());
            var x = Tensor.FromArray(Numbers(s, "x"), shape).To(DType.Float32);
            var y = module.Forward(x).To(DType.Float64);
            Assert.True(y.AllClose(Tensor.FromArray(Numbers(s, "y"), shape), 1e-4, 1e-4), $"{name}: float32 output differs");
        }
    }

    [Fact]
    public void State_dict_has_pytorchs_keys_order_and_dtypes()
    {
        var root = Document.Value.RootElement;
        var model = new Sequential(new Linear(4, 3, new Generator(1)), new BatchNorm1d(3), Activations.Create(Activation.Relu)!, new BatchNorm2d(3, affine: false));
        var state = model.StateDict();
        var expected = root.GetProperty("state_dict_keys").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(expected, state.Keys.ToArray());
        foreach (var property in root.GetProperty("state_dict_dtypes").EnumerateObject())
        {
            var dtype = property.Value.GetString() == "torch.int64" ? DType.Int64 : DType.Float32;
            Assert.Equal(dtype, state[property.Name].DType);
        }
    }

    private static BatchNorm Create(JsonElement c, DType dtype)
    {
        var features = c.GetProperty("num_features").GetInt32();
        var eps = c.GetProperty("eps").GetDouble();
        double? momentum = c.GetProperty("momentum").ValueKind == JsonValueKind.Null ? null : c.GetProperty("momentum").GetDouble();
        var affine = c.GetProperty("affine").GetBoolean();
        var track = c.GetProperty("track_running_stats").GetBoolean();
        BatchNorm module = c.GetProperty("module").GetString() switch
        {
            "BatchNorm1d" => new BatchNorm1d(features, eps, momentum, affine, track, dtype),
            "BatchNorm2d" => new BatchNorm2d(features, eps, momentum, affine, track, dtype),
            var other => throw new InvalidDataException($"unknown module {other}"),
        };
        if (affine)
        {
            using var noGrad = Tensor.NoGrad();
            module.Weight!.Value.CopyFrom(Tensor.FromArray(Numbers(c, "weight")).To(dtype));
            module.Bias!.Value.CopyFrom(Tensor.FromArray(Numbers(c, "bias")).To(dtype));
        }

        return module;
    }

    private static void AssertClose(double[] expected, Tensor actual, string what)
    {
        var a = actual.ToDoubleArray();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - expected[i]) <= 1e-10 + 1e-9 * Math.Abs(expected[i]), $"{what}[{i}]: expected {expected[i]:R}, got {a[i]:R}");
        }
    }

    private static JsonElement Case(string name) =>
        Document.Value.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name);

    private static double[] Numbers(JsonElement e, string property) => [.. e.GetProperty(property).EnumerateArray().Select(v => v.GetDouble())];

    private static JsonDocument Load()
    {
        var path = PathOf();
        var document = JsonDocument.Parse(File.ReadAllText(path));
        var version = document.RootElement.GetProperty("version").GetInt32();
        if (version != 1)
        {
            throw new InvalidDataException($"{path}: golden file version {version}; these tests read version 1.");
        }

        return document;
    }

    private static string PathOf([CallerFilePath] string here = "") =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(here)!, "goldens", "batchnorm_goldens.json");
}
