using Gradwire.Kernels;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Kernels;

/// <summary>The SIMD, strided and parallel element-wise kernels against their naive twin, at edge sizes.</summary>
public sealed class ElementwiseKernelTwinTests
{
    public static readonly int[] EdgeSizes = [0, 1, 7, 31, 33, 257];

    public static TheoryData<int> Sizes => new(EdgeSizes);

    /// <summary>op(a, b) element by element with broadcasting, from the definition.</summary>
    private static double[] NaiveBinary(BinaryOp op, Tensor a, Tensor b, out int[] shape)
    {
        shape = Broadcasting.Shape("test", a.ShapeArray, b.ShapeArray);
        var ea = a.Expand(shape).ToDoubleArray();
        var eb = b.Expand(shape).ToDoubleArray();
        var result = new double[ea.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = a.DType == DType.Float32
                ? ElementwiseReference.Binary(op, (float)ea[i], (float)eb[i])
                : ElementwiseReference.Binary(op, ea[i], eb[i]);
        }

        return result;
    }

    private static Tensor Run(BinaryOp op, Tensor a, Tensor b)
    {
        var shape = Broadcasting.Shape("test", a.ShapeArray, b.ShapeArray);
        var d = Tensor.Zeros(Shape.Create(shape), a.DType);
        if (a.DType == DType.Float32)
        {
            ElementwiseKernels.Binary<float>(op, a, b, d);
        }
        else
        {
            ElementwiseKernels.Binary<double>(op, a, b, d);
        }

        return d;
    }

    private static void Compare(BinaryOp op, Tensor a, Tensor b)
    {
        var expected = NaiveBinary(op, a, b, out _);
        TensorAssert.Values(expected, Run(op, a, b), a.DType == DType.Float32 ? 2e-6 : 1e-14);
    }

    private static BinaryOp[] AllBinaryOps() => Enum.GetValues<BinaryOp>();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Contiguous_scalar_and_row_broadcast_binary_kernels_match_the_twin(int n)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var a = TensorAssert.Random(1, [3, n], 0.5, 2).To(dtype);
            var b = TensorAssert.Random(2, [3, n], 0.5, 2).To(dtype);
            var row = TensorAssert.Random(3, [n], 0.5, 2).To(dtype);
            var column = TensorAssert.Random(4, [3, 1], 0.5, 2).To(dtype);
            var scalar = TensorAssert.Random(5, [], 0.5, 2).To(dtype);
            foreach (var op in AllBinaryOps())
            {
                Compare(op, a, b);
                Compare(op, a, row);
                Compare(op, row, a);
                Compare(op, a, column);
                Compare(op, column, a);
                Compare(op, a, scalar);
                Compare(op, scalar, a);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Strided_operands_and_strided_outputs_match_the_twin(int n)
    {
        var a = TensorAssert.Random(6, [n, 5], 0.5, 2).MT;
        var b = TensorAssert.Random(7, [5, 2 * n + 1], 0.5, 2).Slice(1, 0, 2 * n + 1, 2).Narrow(1, 0, n);
        foreach (var op in AllBinaryOps())
        {
            Compare(op, a, b);
            Compare(op, b, a);
        }

        // In place through a transposed view: the output is strided too.
        var target = TensorAssert.Random(8, [n, 5]);
        var view = target.MT;
        var expected = NaiveBinary(BinaryOp.Mul, view, b, out _);
        ElementwiseKernels.Binary<double>(BinaryOp.Mul, view, b, view);
        TensorAssert.Values(expected, view, 1e-14);
    }

    [Fact]
    public void Large_tensors_take_the_parallel_path_and_match_the_twin()
    {
        var n = 3 * Parallelism.MinParallelElements + 7;
        var a = TensorAssert.Random(9, [n]).To(DType.Float32);
        var b = TensorAssert.Random(10, [n]).To(DType.Float32);
        Compare(BinaryOp.Add, a, b);
        Compare(BinaryOp.Mul, a, Tensor.Scalar(3));
        var m = TensorAssert.Random(11, [n / 7 + 1, 7]);
        Compare(BinaryOp.Sub, m, TensorAssert.Random(12, [7]));
        Compare(BinaryOp.Max, m.MT.Contiguous().MT, m);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Unary_kernels_match_the_twin_contiguous_and_strided(int n)
    {
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var (low, high) = op switch
                {
                    UnaryOp.Acosh => (1.1, 3.0),
                    UnaryOp.Asin or UnaryOp.Acos or UnaryOp.Atanh or UnaryOp.Erfinv => (-0.9, 0.9),
                    UnaryOp.Sqrt or UnaryOp.Log => (0.1, 3.0),
                    UnaryOp.Log1p => (-0.9, 3.0),
                    _ => (-2.0, 2.0),
                };
                foreach (var x in new[] { TensorAssert.Random(13, [2, n], low, high).To(dtype), TensorAssert.Random(14, [n, 2], low, high).To(dtype).MT })
                {
                    var values = x.ToDoubleArray();
                    var expected = dtype == DType.Float32
                        ? Array.ConvertAll(values, v => (double)ElementwiseReference.Unary(op, (float)v))
                        : Array.ConvertAll(values, v => ElementwiseReference.Unary(op, v));
                    var y = Tensor.Zeros(x.Shape, dtype);
                    if (dtype == DType.Float32)
                    {
                        ElementwiseKernels.Unary<float>(op, x, y);
                    }
                    else
                    {
                        ElementwiseKernels.Unary<double>(op, x, y);
                    }

                    TensorAssert.Values(expected, y, dtype == DType.Float32 ? 5e-6 : 1e-13);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Copy_fill_and_where_kernels_handle_strides_and_broadcasts(int n)
    {
        var src = TensorAssert.Random(15, [n, 3]);
        var dst = Tensor.Zeros([3, n], DType.Float64);
        ElementwiseKernels.Copy<double>(src.MT, dst);
        TensorAssert.Values(src.MT.ToDoubleArray(), dst);
        ElementwiseKernels.Copy<double>(Tensor.FromArray([1.0, 2, 3]).Unsqueeze(1), dst);
        TensorAssert.Values(Enumerable.Range(0, 3 * n).Select(i => 1.0 + i / n).ToArray(), dst);
        ElementwiseKernels.Fill(dst.MT, 4.0);
        Assert.All(dst.ToDoubleArray(), v => Assert.Equal(4, v));
        var cond = TensorAssert.Random(16, [3, n]).Gt(0);
        var w = Tensor.Zeros([3, n], DType.Float64);
        Gradwire.Backends.Dispatch.Where(cond, src.MT, Tensor.Scalar(-7, DType.Float64), w);
        var c = cond.ToDoubleArray();
        var s = src.MT.ToDoubleArray();
        TensorAssert.Values(c.Select((v, i) => v != 0 ? s[i] : -7).ToArray(), w);
    }
}
