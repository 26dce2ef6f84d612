using Gradwire.Kernels;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Kernels;

/// <summary>The plain-store add/sub/mul loop for results of a few MiB against the naive twin, bit for bit.</summary>
public sealed class CacheResidentBinaryTests
{
    [Fact]
    public void Float_and_double_results_equal_the_twin_with_a_ragged_tail()
    {
        foreach (var op in new[] { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul })
        {
            // 1 MiB / 4 + 37 floats: vector body plus a scalar tail that is not a whole vector.
            Check<float>(op, (1 << 18) + 37);
            Check<double>(op, (1 << 17) + 5);
        }
    }

    [Fact]
    public void The_result_may_overwrite_an_input()
    {
        var n = (1 << 18) + 3;
        var a = Values<float>(n, 1);
        var b = Values<float>(n, 2);
        var expected = new float[n];
        for (var i = 0; i < n; i++)
        {
            expected[i] = ElementwiseReference.Binary(BinaryOp.Add, a[i], b[i]);
        }

        CacheResidentBinary.Run<float>(BinaryOp.Add, a, b, a);
        Assert.Equal(expected, a);
    }

    [Fact]
    public void Only_add_sub_mul_of_one_to_eight_MiB_take_the_loop()
    {
        var applies = Vector512Or256();
        Assert.Equal(applies, CacheResidentBinary.Applies<float>(BinaryOp.Add, 1 << 20));
        Assert.Equal(applies, CacheResidentBinary.Applies<double>(BinaryOp.Mul, 1 << 20));
        Assert.False(CacheResidentBinary.Applies<float>(BinaryOp.Add, (1 << 18) - 1));
        Assert.False(CacheResidentBinary.Applies<float>(BinaryOp.Add, (2 << 20) + 1));
        Assert.False(CacheResidentBinary.Applies<float>(BinaryOp.Div, 1 << 20));
        Assert.False(CacheResidentBinary.Applies<float>(BinaryOp.Max, 1 << 20));
    }

    [Fact]
    public void Spans_of_different_lengths_are_refused_naming_the_op()
    {
        var error = Assert.Throws<ArgumentException>(() => CacheResidentBinary.Run<float>(BinaryOp.Sub, new float[4], new float[3], new float[4]));
        Assert.Contains("sub", error.Message);
    }

    [Fact]
    public void Tensor_add_of_a_million_floats_equals_the_twin()
    {
        var n = 1 << 20;
        var a = TensorAssert.Random(21, [n]).To(DType.Float32);
        var b = TensorAssert.Random(22, [n]).To(DType.Float32);
        using var noGrad = Tensor.NoGrad();
        var sum = (a + b).ToFloatArray();
        var product = (a * b).ToFloatArray();
        var av = a.ToFloatArray();
        var bv = b.ToFloatArray();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(av[i] + bv[i], sum[i]);
            Assert.Equal(av[i] * bv[i], product[i]);
        }
    }

    private static bool Vector512Or256() =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated || System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated;

    private static void Check<T>(BinaryOp op, int n)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var a = Values<T>(n, 3);
        var b = Values<T>(n, 4);
        var d = new T[n];
        CacheResidentBinary.Run<T>(op, a, b, d);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(ElementwiseReference.Binary(op, a[i], b[i]), d[i]);
        }
    }

    private static T[] Values<T>(int n, int seed)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = T.CreateChecked(random.NextDouble() * 4 - 2);
        }

        return values;
    }
}
