using Gradwire.IO;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Tests.IO;

// PyTorch state_dicts saved as safetensors by Golden/make_torch_state_dict.py (torch 1.13).
public sealed class SafetensorsTorchTests
{
    private static double[] Doubles(string file, string name) => SafetensorsFile.Read(SafetensorsGoldenTests.GoldenPath(file))[name].ToDoubles();

    [Theory]
    [InlineData("torch_mlp_f32.safetensors", "output_f32", 1e-6)]
    [InlineData("torch_mlp_bf16.safetensors", "output_bf16", 1e-6)]
    public void A_pytorch_state_dict_loads_into_the_same_mlp_and_gives_the_same_outputs(string file, string outputName, double tolerance)
    {
        // nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3)) is mlp:8 with the same state names (0.*, 2.*).
        var model = ModelSpec.Build("mlp:8", [4], 3, new Generator(123));
        Checkpoint.LoadWeights(SafetensorsGoldenTests.GoldenPath(file), model);
        var input = Doubles("torch_mlp_io.safetensors", "input");
        var expected = Doubles("torch_mlp_io.safetensors", outputName);
        var x = Tensor.FromArray(Array.ConvertAll(input, v => (float)v), new Shape(5, 4));
        var y = model.Forward(x).ToFloatArray();
        Assert.Equal(expected.Length, y.Length);
        for (var i = 0; i < y.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - expected[i]) <= tolerance + 1e-6 * Math.Abs(expected[i]), $"output {i}: {y[i]} vs PyTorch {expected[i]}");
        }
    }

    [Fact]
    public void Every_dtype_pytorch_writes_converts_to_the_values_pytorch_converts_it_to()
    {
        var content = SafetensorsFile.Read(SafetensorsGoldenTests.GoldenPath("torch_dtypes.safetensors"));
        var order = content.Metadata["order"].Split(',');
        var expected = content["expected"].ToDoubles();
        var width = expected.Length / order.Length;
        for (var k = 0; k < order.Length; k++)
        {
            var tensor = content[order[k]];
            Assert.Equal(expected.AsSpan(k * width, width).ToArray(), tensor.ToDoublesConverted());
            if (!tensor.IsFloatingPoint)
            {
                Assert.Equal(Array.ConvertAll(expected.AsSpan(k * width, width).ToArray(), v => (long)v), tensor.ToInt64Converted());
            }
        }

        Assert.Equal(SafetensorsDType.BF16, content["bf16"].DType);
        Assert.Throws<InvalidOperationException>(() => content["f16"].ToInt64Converted());
    }

    [Fact]
    public void Int64_and_bool_state_round_trip_as_their_own_dtypes()
    {
        using var dir = new TempDirectory();
        var module = new Holder();
        var path = dir.File("state.safetensors");
        Checkpoint.SaveWeights(path, module);
        var content = SafetensorsFile.Read(path);
        Assert.Equal(SafetensorsDType.I64, content["count"].DType);
        Assert.Equal(SafetensorsDType.Bool, content["mask"].DType);
        var copy = new Holder(zero: true);
        Checkpoint.LoadWeights(path, copy);
        Assert.Equal(new long[] { 3, -4, 1L << 40 }, copy.StateDict()["count"].ToInt64Array());
        Assert.Equal(new[] { true, false, true }, copy.StateDict()["mask"].ToBoolArray());
    }

    private sealed class Holder : Module
    {
        public Holder(bool zero = false)
        {
            RegisterBuffer("count", Tensor.FromArray(zero ? new long[] { 0, 0, 0 } : new long[] { 3, -4, 1L << 40 }));
            RegisterBuffer("mask", Tensor.FromArray(zero ? new[] { false, false, false } : new[] { true, false, true }));
        }
    }
}
