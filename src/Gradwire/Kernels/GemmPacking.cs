using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
                // op(A)[i, p] = A[i, p]: read each row once, write it with stride mr.
                for (var r = 0; r < rows; r++)
                {
                    var source = a + (i0 + r) * lda;
                    var target = destination + r;
                    for (var p = 0; p < kc; p++)
                    {
                        target[p * mr] = source[p];
                    }
                }

                for (var r = rows; r < mr; r++)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        destination[p * mr + r] = default;
                    }
                }
            }

            destination += mr * kc;
        }
    }

    /// <summary>
    /// Packs op(B)[0..kc, 0..nc] from <paramref name="b"/> (which points at op(B)[0, 0]) into
    /// ceil(nc / nr) panels of kc×nr.
    /// </summary>
    public static void PackB<T>(T* destination, T* b, nint ldb, bool transposed, int kc, int nc, int nr)
        where T : unmanaged
    {
        for (var j0 = 0; j0 < nc; j0 += nr)
        {
            var columns = Math.Min(nr, nc - j0);
            if (transposed)
            {
                // op(B)[p, j] = B[j, p]: read each row of B once, write it with stride nr.
                for (var j = 0; j < columns; j++)
                {
                    var source = b + (j0 + j) * ldb;
                    var target = destination + j;
                    for (var p = 0; p < kc; p++)
                    {
                        target[p * nr] = source[p];
                    }
                }

                for (var j = columns; j < nr; j++)
                {
                    for (var p = 0; p < kc; p++)
                    {
                        destination[p * nr + j] = default;
                    }
                }
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
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= count - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256.Store(Vector256.Load(source + i), target + i);
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
