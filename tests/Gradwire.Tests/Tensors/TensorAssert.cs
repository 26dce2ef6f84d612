using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>Comparisons of tensors against expected numbers, with messages that show both.</summary>
internal static class TensorAssert
{
    public static void Values(double[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var a = actual.ToDoubleArray();
        Assert.True(expected.Length == a.Length, $"expected {expected.Length} values, got {a.Length}: {actual}");
        for (var i = 0; i < a.Length; i++)
        {
            var ok = (double.IsNaN(expected[i]) && double.IsNaN(a[i]))
                     || expected[i] == a[i]
                     || Math.Abs(expected[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i]));
            if (!ok)
            {
                Assert.Fail($"element {i}: expected {expected[i]:R}, got {a[i]:R} in {actual}");
            }
        }
    }

    public static void Shape(int[] expected, Tensor actual) =>
        Assert.Equal(Gradwire.Tensors.Shape.Create(expected), actual.Shape);

    public static void Close(Tensor expected, Tensor actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Values(expected.ToDoubleArray(), actual, tolerance);
    }

    /// <summary>A float64 tensor of <paramref name="shape"/> with values in [low, high), seeded.</summary>
    public static Tensor Random(ulong seed, int[] shape, double low = -1, double high = 1) =>
        Tensor.Uniform(Gradwire.Tensors.Shape.Create(shape), new Generator(seed), low, high, DType.Float64);
}
