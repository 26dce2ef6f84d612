using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Recurrent;

/// <summary>
/// The fused whole-sequence LSTM (<c>LstmSequenceFunction</c>) against its tensor-op twin (one
/// <c>RecurrentSteps.Step</c> per time step): outputs, final states and every gradient (input, h0, c0, all
/// parameters) over layers × directions × batch-first × lengths, float64 to 1e-10 and float32 to 1e-4.
/// </summary>
public sealed class LstmFusedTwinTests
{
    public static TheoryData<int, bool, bool, bool, bool> Cases()
    {
        var data = new TheoryData<int, bool, bool, bool, bool>();
        foreach (var layers in new[] { 1, 2 })
        {
            foreach (var bi in new[] { false, true })
            {
                foreach (var batchFirst in new[] { false, true })
                {
                    foreach (var lengths in new[] { false, true })
                    {
                        data.Add(layers, bi, batchFirst, lengths, true);
                    }
                }
            }
        }

        data.Add(2, true, false, true, false);
        data.Add(1, false, true, false, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_path_equals_the_tensor_op_twin(int layers, bool bidirectional, bool batchFirst, bool withLengths, bool float64)
    {
        var dtype = float64 ? DType.Float64 : DType.Float32;
        var tolerance = float64 ? 1e-10 : 1e-4;
        const int steps = 5, batch = 3, input = 4, hidden = 6;
        var directions = bidirectional ? 2 : 1;
        var x = Tensor.Uniform(batchFirst ? new Shape(batch, steps, input) : new Shape(steps, batch, input), new Generator(11), -1, 1, dtype);
        var h0 = Tensor.Uniform(new Shape(layers * directions, batch, hidden), new Generator(12), -1, 1, dtype);
        var c0 = Tensor.Uniform(new Shape(layers * directions, batch, hidden), new Generator(13), -1, 1, dtype);
        var weights = Tensor.Uniform(new Shape(steps, batch, directions * hidden), new Generator(14), -1, 1, dtype);
        var lengths = withLengths ? Tensor.FromArray([5L, 2L, 4L]) : null;

        var results = new List<Tensor[]>();
        foreach (var fused in new[] { true, false })
        {
            var lstm = new LSTM(input, hidden, new Generator(7), numLayers: layers, batchFirst: batchFirst, bidirectional: bidirectional, dtype: dtype)
            {
                UseFused = fused,
            };
            var xi = x.Detach();
            var hi = h0.Detach();
            var ci = c0.Detach();
            xi.RequiresGrad = true;
            hi.RequiresGrad = true;
            ci.RequiresGrad = true;
            var (y, (h, c)) = lstm.Forward(xi, (hi, ci), lengths);
            var w = batchFirst ? weights.Transpose(0, 1) : weights;
            var loss = (y * w).Sum() + (h * h).Sum() + (c * c * 0.5).Sum();
            loss.Backward();
            var row = new List<Tensor> { y.Detach(), h.Detach(), c.Detach(), xi.Grad!, hi.Grad!, ci.Grad! };
            foreach (var p in lstm.Parameters())
            {
                row.Add(p.Grad!);
            }

            results.Add([.. row]);
        }

        Assert.Equal(results[0].Length, results[1].Length);
        for (var i = 0; i < results[0].Length; i++)
        {
            var a = results[0][i].To(DType.Float64).ToArray<double>();
            var b = results[1][i].To(DType.Float64).ToArray<double>();
            Assert.Equal(b.Length, a.Length);
            for (var j = 0; j < a.Length; j++)
            {
                Assert.True(Math.Abs(a[j] - b[j]) <= tolerance * (1 + Math.Abs(b[j])), $"tensor {i} element {j}: fused {a[j]}, twin {b[j]}");
            }
        }
    }
}
