using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gradwire.Text;

/// <summary>The two word2vec inner loops, dot product and axpy, with <see cref="Vector{T}"/> lanes and a scalar tail.</summary>
/// <remarks><see cref="VectorMathReference"/> is the naive twin the tests compare against.</remarks>
internal static class VectorMath
{
    /// <summary><c>Σ x[i]·y[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        }

        return sum;
    }

    /// <summary><c>y[i] += a·x[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = new Vector<float>(a);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                (Vector.LoadUnsafe(ref yr, (nuint)i) + va * Vector.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) += a * Unsafe.Add(ref xr, i);
        }
    }
}

/// <summary>Scalar loops that test <see cref="VectorMath"/>.</summary>
internal static class VectorMathReference
{
    /// <summary><c>Σ x[i]·y[i]</c>, accumulated in double.</summary>
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum += (double)x[i] * y[i];
        }

        return sum;
    }

    /// <summary><c>y[i] += a·x[i]</c>.</summary>
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
