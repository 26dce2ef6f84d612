using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gradwire.Kernels;

/// <summary>
/// The AVX2 (Vector256 FMA) micro-kernel: a 6×(2·Vector256&lt;T&gt;.Count) tile of C held in 12 vector registers, updated by
/// one broadcast of A times two vectors of B per step of k (rank-1 updates of packed panels).
/// </summary>
/// <remarks>
/// Per step of k: 2 vector loads of B, 6 broadcasts of A, 12 fused multiply-adds. The accumulators are
/// plain locals so the JIT keeps them in registers (12 accumulators + 2 B vectors + 1 broadcast ≤ the
/// register file); the loop has no bounds checks because it walks raw pointers into pinned pack buffers.
/// </remarks>
internal readonly unsafe struct GemmMicroKernel256<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 6;

    public static int Nr => 2 * Vector256<T>.Count;

    public static bool IsSupported => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        // Fetch the C tile while the FMAs run, so the epilogue's loads and stores do not wait on memory.
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(c + 0 * ldc);
            Sse.Prefetch0(c + 0 * ldc + Nr - 1);
            Sse.Prefetch0(c + 1 * ldc);
            Sse.Prefetch0(c + 1 * ldc + Nr - 1);
            Sse.Prefetch0(c + 2 * ldc);
            Sse.Prefetch0(c + 2 * ldc + Nr - 1);
            Sse.Prefetch0(c + 3 * ldc);
            Sse.Prefetch0(c + 3 * ldc + Nr - 1);
            Sse.Prefetch0(c + 4 * ldc);
            Sse.Prefetch0(c + 4 * ldc + Nr - 1);
            Sse.Prefetch0(c + 5 * ldc);
            Sse.Prefetch0(c + 5 * ldc + Nr - 1);
        }

        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + Vector256<T>.Count);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma(a4, b0, c40);
            c41 = Fma(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma(a5, b0, c50);
            c51 = Fma(a5, b1, c51);
            a += 6;
            b += 2 * Vector256<T>.Count;
        }

        var alphaV = Vector256.Create(alpha);
        if (T.IsZero(beta))
        {
            // beta = 0 overwrites C without reading it, so NaN garbage in C does not leak.
            Store(c00 * alphaV, c01 * alphaV, c + 0 * ldc);
            Store(c10 * alphaV, c11 * alphaV, c + 1 * ldc);
            Store(c20 * alphaV, c21 * alphaV, c + 2 * ldc);
            Store(c30 * alphaV, c31 * alphaV, c + 3 * ldc);
            Store(c40 * alphaV, c41 * alphaV, c + 4 * ldc);
            Store(c50 * alphaV, c51 * alphaV, c + 5 * ldc);
        }
        else
        {
            var betaV = Vector256.Create(beta);
            Update(c00, c01, alphaV, betaV, c + 0 * ldc);
            Update(c10, c11, alphaV, betaV, c + 1 * ldc);
            Update(c20, c21, alphaV, betaV, c + 2 * ldc);
            Update(c30, c31, alphaV, betaV, c + 3 * ldc);
            Update(c40, c41, alphaV, betaV, c + 4 * ldc);
            Update(c50, c51, alphaV, betaV, c + 5 * ldc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<T> lo, Vector256<T> hi, T* row)
    {
        lo.Store(row);
        hi.Store(row + Vector256<T>.Count);
    }

    /// <summary><c>row = alpha · acc + beta · row</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(Vector256<T> lo, Vector256<T> hi, Vector256<T> alpha, Vector256<T> beta, T* row)
    {
        Fma(lo, alpha, beta * Vector256.Load(row)).Store(row);
        Fma(hi, alpha, beta * Vector256.Load(row + Vector256<T>.Count)).Store(row + Vector256<T>.Count);
    }

    /// <summary><c>x · y + acc</c> in one rounding; T is float or double, fixed when the JIT specializes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma(Vector256<T> x, Vector256<T> y, Vector256<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        return Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }
}
