using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gradwire.Kernels;

/// <summary>
/// The portable micro-kernel for CPUs without usable SIMD (<see cref="Vector.IsHardwareAccelerated"/> false):
/// a 4×4 tile in 16 scalar locals, the same packed layout as the vector kernels.
/// </summary>
internal readonly unsafe struct GemmMicroKernelScalar<T> : IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Mr => 4;

    public static int Nr => 4;

    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta)
    {
        T c00 = T.Zero, c01 = T.Zero, c02 = T.Zero, c03 = T.Zero;
        T c10 = T.Zero, c11 = T.Zero, c12 = T.Zero, c13 = T.Zero;
        T c20 = T.Zero, c21 = T.Zero, c22 = T.Zero, c23 = T.Zero;
        T c30 = T.Zero, c31 = T.Zero, c32 = T.Zero, c33 = T.Zero;
        for (nint p = 0; p < kc; p++)
        {
            T b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            var a0 = a[0];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            var a1 = a[1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            var a2 = a[2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            var a3 = a[3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            a += 4;
            b += 4;
        }

        StoreRow(c, alpha, beta, c00, c01, c02, c03);
        StoreRow(c + ldc, alpha, beta, c10, c11, c12, c13);
        StoreRow(c + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        StoreRow(c + 3 * ldc, alpha, beta, c30, c31, c32, c33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(T* row, T alpha, T beta, T x0, T x1, T x2, T x3)
    {
        if (T.IsZero(beta))
        {
            row[0] = alpha * x0;
            row[1] = alpha * x1;
            row[2] = alpha * x2;
            row[3] = alpha * x3;
        }
        else
        {
            row[0] = alpha * x0 + beta * row[0];
            row[1] = alpha * x1 + beta * row[1];
            row[2] = alpha * x2 + beta * row[2];
            row[3] = alpha * x3 + beta * row[3];
        }
    }
}
