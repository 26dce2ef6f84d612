using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gradwire.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the k-major panels the micro-kernels read: Ã as panels of
/// <c>mr</c> rows (for each step of k, <c>mr</c> consecutive values), B̃ as panels of <c>nr</c> columns (for each
/// step of k, <c>nr</c> consecutive values). Transposition is absorbed here: packing reads op(X) through its
/// strides, so no transposed copy of a whole matrix is ever made. Rows or columns past the edge are zero, so
/// edge tiles run the same full-size kernel.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[0..mc, 0..kc] from <paramref name="a"/> (which points at op(A)[0, 0]) into
    /// ceil(mc / mr) panels of mr×kc.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(T* destination, T* a, nint lda, bool transposed, int mc, int kc, int mr)
        where T : unmanaged
    {
        for (var i0 = 0; i0 < mc; i0 += mr)
        {
            var rows = Math.Min(mr, mc - i0);
            if (transposed)
            {
                // op(A)[i, p] = A[p, i]: for each step of k the panel's rows are contiguous in A.
                for (var p = 0; p < kc; p++)
                {
                    CopyAndPad(a + p * lda + i0, destination + p * mr, rows, mr);
                }
            }
            else
            {
                // op(A)[i, p] = A[i, p]: rows of A become the panel's columns, a transpose.
                Transpose(destination, a + i0 * lda, lda, rows, kc, mr);
            }

            destination += mr * kc;
        }
    }

    /// <summary>
    /// Packs op(B)[0..kc, 0..nc] from <paramref name="b"/> (which points at op(B)[0, 0]) into
    /// ceil(nc / nr) panels of kc×nr.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(T* destination, T* b, nint ldb, bool transposed, int kc, int nc, int nr)
        where T : unmanaged
    {
        for (var j0 = 0; j0 < nc; j0 += nr)
        {
            var columns = Math.Min(nr, nc - j0);
            if (transposed)
            {
                // op(B)[p, j] = B[j, p]: rows of B become the panel's columns, a transpose.
                Transpose(destination, b + j0 * ldb, ldb, columns, kc, nr);
            }
            else
            {
                // op(B)[p, j] = B[p, j]: each step of k is a contiguous run of the panel's columns.
                for (var p = 0; p < kc; p++)
                {
                    CopyAndPad(b + p * ldb + j0, destination + p * nr, columns, nr);
                }
            }

            destination += nr * kc;
        }
    }

    /// <summary>
    /// <c>target[p · width + r] = source[r · ld + p]</c> for r &lt; rows, p &lt; kc, and zero for rows ≤ r &lt; width:
    /// a rows×kc block becomes kc rows of a panel <paramref name="width"/> wide. Done in 4×4 register transposes
    /// (4 loads, 8 shuffles, 4 stores per 16 values); element by element it costs several cycles per value.
    /// </summary>
    internal static void Transpose<T>(T* target, T* source, nint ld, int rows, int kc, int width)
        where T : unmanaged
    {
        var r = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            for (; r + 4 <= rows; r += 4)
            {
                Transpose4Rows((float*)target + r, (float*)source + r * ld, ld, kc, width);
            }
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            for (; r + 4 <= rows; r += 4)
            {
                Transpose4Rows((double*)target + r, (double*)source + r * ld, ld, kc, width);
            }
        }

        for (; r < rows; r++)
        {
            var row = source + r * ld;
            for (var p = 0; p < kc; p++)
            {
                target[p * width + r] = row[p];
            }
        }

        for (; r < width; r++)
        {
            for (var p = 0; p < kc; p++)
            {
                target[p * width + r] = default;
            }
        }
    }

    private static void Transpose4Rows(float* target, float* s0, nint ld, int kc, int width)
    {
        float* s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
        var p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            var r0 = Sse.LoadVector128(s0 + p);
            var r1 = Sse.LoadVector128(s1 + p);
            var r2 = Sse.LoadVector128(s2 + p);
            var r3 = Sse.LoadVector128(s3 + p);
            var t0 = Sse.UnpackLow(r0, r1);   // a0 b0 a1 b1
            var t1 = Sse.UnpackLow(r2, r3);   // c0 d0 c1 d1
            var t2 = Sse.UnpackHigh(r0, r1);  // a2 b2 a3 b3
            var t3 = Sse.UnpackHigh(r2, r3);  // c2 d2 c3 d3
            var d = target + p * width;
            Sse.Store(d, Sse.MoveLowToHigh(t0, t1));
            Sse.Store(d + width, Sse.MoveHighToLow(t1, t0));
            Sse.Store(d + 2 * width, Sse.MoveLowToHigh(t2, t3));
            Sse.Store(d + 3 * width, Sse.MoveHighToLow(t3, t2));
        }

        for (; p < kc; p++)
        {
            var d = target + p * width;
            d[0] = s0[p];
            d[1] = s1[p];
            d[2] = s2[p];
            d[3] = s3[p];
        }
    }

    private static void Transpose4Rows(double* target, double* s0, nint ld, int kc, int width)
    {
        double* s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
        var p = 0;
        for (; p + 4 <= kc; p += 4)
        {
            var r0 = Avx.LoadVector256(s0 + p);
            var r1 = Avx.LoadVector256(s1 + p);
            var r2 = Avx.LoadVector256(s2 + p);
            var r3 = Avx.LoadVector256(s3 + p);
            var t0 = Avx.UnpackLow(r0, r1);   // a0 b0 | a2 b2
            var t1 = Avx.UnpackHigh(r0, r1);  // a1 b1 | a3 b3
            var t2 = Avx.UnpackLow(r2, r3);   // c0 d0 | c2 d2
            var t3 = Avx.UnpackHigh(r2, r3);  // c1 d1 | c3 d3
            var d = target + p * width;
            Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(d + width, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(d + 2 * width, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(d + 3 * width, Avx.Permute2x128(t1, t3, 0x31));
        }

        for (; p < kc; p++)
        {
            var d = target + p * width;
            d[0] = s0[p];
            d[1] = s1[p];
            d[2] = s2[p];
            d[3] = s3[p];
        }
    }

    /// <summary>Copies <paramref name="count"/> values and zero-fills up to <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyAndPad<T>(T* source, T* target, int count, int width)
        where T : unmanaged
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= count - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512.Store(Vector512.Load(source + i), target + i);
            }
        }

        // Narrower steps for the rest: a 12-row panel of floats is one 256-bit and one 128-bit copy.
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256.Store(Vector256.Load(source + i), target + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= count - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128.Store(Vector128.Load(source + i), target + i);
            }
        }

        for (; i < count; i++)
        {
            target[i] = source[i];
        }

        for (; i < width; i++)
        {
            target[i] = default;
        }
    }
}
