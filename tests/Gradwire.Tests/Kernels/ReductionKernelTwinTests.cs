using Gradwire.Kernels;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Kernels;

/// <summary>Reductions, softmax and cumulative sums against naive twins, over edge sizes, strides and axis sets.</summary>
public sealed class ReductionKernelTwinTests
{
    public static TheoryData<int> Sizes => new(ElementwiseKernelTwinTests.EdgeSizes);

    /// <summary>Folds by coordinates: the definition of a reduction over <paramref name="axes"/>.</summary>
    private static double[] NaiveReduce(ReduceOp op, Tensor x, int[] axes)
    {
        var shape = x.ShapeArray;
        var keep = shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray();
        var outSize = keep.Aggregate(1, (p, d) => p * d);
        var result = Enumerable.Repeat(op == ReduceOp.Sum ? 0.0 : op == ReduceOp.Max ? double.NegativeInfinity : double.PositiveInfinity, outSize).ToArray();
        var values = x.ToDoubleArray();
        var index = new int[shape.Length];
        for (var flat = 0; flat < values.Length; flat++)
        {
            var rem = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rem % shape[d];
                rem /= shape[d];
            }

            var o = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                o = o * keep[d] + (keep[d] == 1 ? 0 : index[d]);
            }

            result[o] = op switch
            {
                ReduceOp.Sum => result[o] + values[flat],
                ReduceOp.Max => Math.Max(result[o], values[flat]),
                _ => Math.Min(result[o], values[flat]),
            };
        }

        return result;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Reductions_over_every_axis_set_match_the_twin(int n)
    {
        var x = TensorAssert.Random(1, [2, n, 3]);
        int[][] axisSets = [[0], [1], [2], [0, 1], [1, 2], [0, 2], [0, 1, 2]];
        foreach (var op in Enum.GetValues<ReduceOp>())
        {
            if (op != ReduceOp.Sum && n == 0)
            {
                continue;
            }

            foreach (var axes in axisSets)
            {
                foreach (var input in new[] { x, x.Permute(2, 1, 0).Permute(2, 1, 0).Contiguous(), x.Slice(1, 0, n, 1) })
                {
                    var t = op switch
                    {
                        ReduceOp.Sum => input.Sum(axes, keepDim: true),
                        ReduceOp.Max => input.Max(axes, keepDim: true),
                        _ => input.Min(axes, keepDim: true),
                    };
                    TensorAssert.Values(NaiveReduce(op, input, axes), t, 1e-12);
                }

                var transposed = x.Permute(2, 0, 1);
                var mapped = axes.Select(a => a switch { 0 => 1, 1 => 2, _ => 0 }).ToArray();
                var tt = op == ReduceOp.Sum ? transposed.Sum(mapped, true) : op == ReduceOp.Max ? transposed.Max(mapped, true) : transposed.Min(mapped, true);
                TensorAssert.Values(NaiveReduce(op, transposed, mapped), tt, 1e-12);
            }
        }
    }

    [Fact]
    public void Large_reductions_take_the_parallel_path_and_match_the_twin()
    {
        var x = TensorAssert.Random(2, [5, Parallelism.MinParallelElements / 2 + 3]).To(DType.Float32);
        TensorAssert.Values(NaiveReduce(ReduceOp.Sum, x, [1]), x.Sum(1, keepDim: true), 1e-4);
        TensorAssert.Values(NaiveReduce(ReduceOp.Max, x, [0, 1]), x.Max([0, 1], keepDim: true), 0);
        TensorAssert.Values(NaiveReduce(ReduceOp.Sum, x, [0, 1]), x.Sum([0, 1], keepDim: true), 1e-4);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(2, 31)]
    [InlineData(5, 33)]
    [InlineData(4, 257)]
    [InlineData(300, 300)]
    public void Softmax_kernel_matches_the_twin(int rows, int cols)
    {
        var x = TensorAssert.Random(3, [rows, cols], -20, 20);
        foreach (var log in new[] { false, true })
        {
            var expected = new double[rows * cols];
            SoftmaxReference.Forward(x.ToDoubleArray(), expected, rows, cols, log);
            TensorAssert.Values(expected, log ? x.LogSoftmax() : x.Softmax(), 1e-12);
            TensorAssert.Values(expected, log ? x.To(DType.Float32).LogSoftmax() : x.To(DType.Float32).Softmax(), 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Cumulative_sum_matches_a_running_total(int n)
    {
        var x = TensorAssert.Random(4, [3, n]);
        var values = x.ToDoubleArray();
        var expected = new double[values.Length];
        for (var r = 0; r < 3; r++)
        {
            var acc = 0.0;
            for (var i = 0; i < n; i++)
            {
                acc += values[r * n + i];
                expected[r * n + i] = acc;
            }
        }

        TensorAssert.Values(expected, x.CumSum(1), 1e-12);
    }
}
