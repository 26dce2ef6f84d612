using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gradwire.Kernels;

/// <summary>
/// The AVX-512 (Vector512 FMA) micro-kernel: a 12×(2·Vector512&lt;T&gt;.Count) tile of C held in 24 vector registers, updated by
/// one broadcast of A times two vectors of B per step of k (rank-1 updates of packed panels).
/// </summary>
/// <remarks>
/// Per step of k: 2 vector loads of B, 12 broadcasts of A, 24 fused multiply-adds. The accumulators are
/// plain locals so the JIT keeps them in registers (24 accumulators + 2 B vectors + 1 broadcast ≤ the
/// register file); the loop has no bounds checks because it walks raw pointers into pinned pack buffers.
/// </remarks>
internal readonly unsafe struct GemmMicroKernel512<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 12;

    public static int Nr => 2 * Vector512<T>.Count;

    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        Vector512<T> c00 = default, c01 = default;
        Vector512<T> c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default;
        Vector512<T> c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default;
        Vector512<T> c70 = default, c71 = default;
        Vector512<T> c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default;
        Vector512<T> c100 = default, c101 = default;
        Vector512<T> c110 = default, c111 = default;
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
            Sse.Prefetch0(c + 6 * ldc);
            Sse.Prefetch0(c + 6 * ldc + Nr - 1);
            Sse.Prefetch0(c + 7 * ldc);
            Sse.Prefetch0(c + 7 * ldc + Nr - 1);
            Sse.Prefetch0(c + 8 * ldc);
            Sse.Prefetch0(c + 8 * ldc + Nr - 1);
            Sse.Prefetch0(c + 9 * ldc);
            Sse.Prefetch0(c + 9 * ldc + Nr - 1);
            Sse.Prefetch0(c + 10 * ldc);
            Sse.Prefetch0(c + 10 * ldc + Nr - 1);
            Sse.Prefetch0(c + 11 * ldc);
            Sse.Prefetch0(c + 11 * ldc + Nr - 1);
        }

        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + Vector512<T>.Count);
            var a0 = Vector512.Create(a[0]);
            c00 = Fma(a0, b0, c00);
            c01 = Fma(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Fma(a1, b0, c10);
            c11 = Fma(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Fma(a2, b0, c20);
            c21 = Fma(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Fma(a3, b0, c30);
            c31 = Fma(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Fma(a4, b0, c40);
            c41 = Fma(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Fma(a5, b0, c50);
            c51 = Fma(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Fma(a6, b0, c60);
            c61 = Fma(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Fma(a7, b0, c70);
            c71 = Fma(a7, b1, c71);
            var a8 = Vector512.Create(a[8]);
            c80 = Fma(a8, b0, c80);
            c81 = Fma(a8, b1, c81);
            var a9 = Vector512.Create(a[9]);
            c90 = Fma(a9, b0, c90);
            c91 = Fma(a9, b1, c91);
            var a10 = Vector512.Create(a[10]);
            c100 = Fma(a10, b0, c100);
            c101 = Fma(a10, b1, c101);
            var a11 = Vector512.Create(a[11]);
            c110 = Fma(a11, b0, c110);
            c111 = Fma(a11, b1, c111);
            a += 12;
            b += 2 * Vector512<T>.Count;
        }

        var alphaV = Vector512.Create(alpha);
        if (T.IsZero(beta))
        {
            // beta = 0 overwrites C without reading it, so NaN garbage in C does not leak.
            Store(c00 * alphaV, c01 * alphaV, c + 0 * ldc);
            Store(c10 * alphaV, c11 * alphaV, c + 1 * ldc);
            Store(c20 * alphaV, c21 * alphaV, c + 2 * ldc);
            Store(c30 * alphaV, c31 * alphaV, c + 3 * ldc);
            Store(c40 * alphaV, c41 * alphaV, c + 4 * ldc);
            Store(c50 * alphaV, c51 * alphaV, c + 5 * ldc);
            Store(c60 * alphaV, c61 * alphaV, c + 6 * ldc);
            Store(c70 * alphaV, c71 * alphaV, c + 7 * ldc);
            Store(c80 * alphaV, c81 * alphaV, c + 8 * ldc);
            Store(c90 * alphaV, c91 * alphaV, c + 9 * ldc);
            Store(c100 * alphaV, c101 * alphaV, c + 10 * ldc);
            Store(c110 * alphaV, c111 * alphaV, c + 11 * ldc);
        }
        else
        {
            var betaV = Vector512.Create(beta);
            Update(c00, c01, alphaV, betaV, c + 0 * ldc);
            Update(c10, c11, alphaV, betaV, c + 1 * ldc);
            Update(c20, c21, alphaV, betaV, c + 2 * ldc);
            Update(c30, c31, alphaV, betaV, c + 3 * ldc);
            Update(c40, c41, alphaV, betaV, c + 4 * ldc);
            Update(c50, c51, alphaV, betaV, c + 5 * ldc);
            Update(c60, c61, alphaV, betaV, c + 6 * ldc);
            Update(c70, c71, alphaV, betaV, c + 7 * ldc);
            Update(c80, c81, alphaV, betaV, c + 8 * ldc);
            Update(c90, c91, alphaV, betaV, c + 9 * ldc);
            Update(c100, c101, alphaV, betaV, c + 10 * ldc);
            Update(c110, c111, alphaV, betaV, c + 11 * ldc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<T> lo, Vector512<T> hi, T* row)
    {
        lo.Store(row);
        hi.Store(row + Vector512<T>.Count);
    }

    /// <summary><c>row = alpha · acc + beta · row</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(Vector512<T> lo, Vector512<T> hi, Vector512<T> alpha, Vector512<T> beta, T* row)
    {
        Fma(lo, alpha, beta * Vector512.Load(row)).Store(row);
        Fma(hi, alpha, beta * Vector512.Load(row + Vector512<T>.Count)).Store(row + Vector512<T>.Count);
    }

    /// <summary><c>x · y + acc</c> in one rounding; T is float or double, fixed when the JIT specializes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> acc)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        }

        return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }
}
