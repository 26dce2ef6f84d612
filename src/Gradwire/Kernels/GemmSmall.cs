using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gradwire.Kernels;

/// <summary>
/// The direct path for small products (m·n·k ≤ 64³): no packing of A, no threads, operands read where they
/// lie. Below that size everything fits in L1, so the blocked driver's packing and edge handling would be most
/// of the time: at N = 16 the whole product is about 250 FMA instructions.
/// </summary>
/// <remarks>
/// Tiles of 4 rows × 2 vectors of C (8 accumulators), then 4 rows × 1 vector, over rows of op(B) loaded in
/// place (op(B) = Bᵀ is first transposed into a small buffer). The ragged last columns (fewer than one vector)
/// are copied zero-padded into a scratch panel so the same vector loop computes them; only the valid lanes are
/// written back.
/// </remarks>
internal static unsafe class GemmSmall<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest m·n·k that takes this path.</summary>
    public const long MaxWork = 64L * 64 * 64;

    /// <summary>
    /// Whether <paramref name="problem"/> is small enough (and k ≤ 256, which bounds the stack scratch) and the CPU
    /// has 512-bit vectors.
    /// </summary>
    public static bool Applies(in GemmProblem<T> problem) =>
        Vector512.IsHardwareAccelerated && (long)problem.M * problem.N * problem.K <= MaxWork
                                        && problem.K <= 256;

    /// <summary>Computes the whole (small, non-empty, k ≥ 1) product on the calling thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    public static void Run(in GemmProblem<T> problem)
    {
        int m = problem.M, n = problem.N, k = problem.K;
        var w = Vector512<T>.Count;
        var b = problem.B;
        var ldb = problem.Ldb;
        if (problem.TransposeB)
        {
            // op(B) = Bᵀ: one k×n row-major copy (at most 64³ / min(m) values, in L1), then rows load in place.
            var copy = GemmPackBuffers<T>.B(k * n);
            GemmPacking.Transpose(copy, b, ldb, n, k, n);
            b = copy;
            ldb = n;
        }

        // op(A)[i, p] = a[i · rowStride + p · columnStride].
        var rowStride = problem.TransposeA ? 1 : problem.Lda;
        var columnStride = problem.TransposeA ? problem.Lda : 1;
        var full = n / w * w;
        var tail = stackalloc T[w * k];
        if (full < n)
        {
            // The last n - full columns, zero-padded to one vector per row of op(B).
            for (var p = 0; p < k; p++)
            {
                var row = b + p * ldb + full;
                var target = tail + p * w;
                for (var j = 0; j < w; j++)
                {
                    target[j] = j < n - full ? row[j] : T.Zero;
                }
            }
        }

        var lanes = stackalloc T[4 * w];
        var i = 0;
        for (; i < m; i += 4)
        {
            var rows = Math.Min(4, m - i);
            var a = problem.A + i * rowStride;
            var c = problem.C + i * problem.Ldc;
            var j = 0;
            if (rows == 4)
            {
                for (; j + 2 * w <= full; j += 2 * w)
                {
                    Tile4x2(k, a, rowStride, columnStride, b + j, ldb, c + j, problem.Ldc, problem.Alpha, problem.Beta);
                }
            }

            for (; j < full; j += w)
            {
                Tile4x1(k, a, rowStride, columnStride, rows, b + j, ldb, lanes);
                Merge(lanes, w, rows, w, c + j, problem.Ldc, problem.Alpha, problem.Beta);
            }

            if (full < n)
            {
                Tile4x1(k, a, rowStride, columnStride, rows, tail, w, lanes);
                Merge(lanes, w, rows, n - full, c + full, problem.Ldc, problem.Alpha, problem.Beta);
            }
        }
    }

    /// <summary>C[0..4, 0..2w] = alpha · op(A)[0..4, :] · B[:, 0..2w] + beta · C, 8 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x2(int k, T* a, nint rs, nint cs, T* b, nint ldb, T* c, nint ldc, T alpha, T beta)
    {
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
        T* a0 = a, a1 = a + rs, a2 = a + 2 * rs, a3 = a + 3 * rs;
        for (nint p = 0; p < k; p++)
        {
            var row = b + p * ldb;
            var b0 = Vector512.Load(row);
            var b1 = Vector512.Load(row + Vector512<T>.Count);
            var offset = p * cs;
            var x = Vector512.Create(a0[offset]);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector512.Create(a1[offset]);
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector512.Create(a2[offset]);
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector512.Create(a3[offset]);
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
        }

        Update(c00, c, alpha, beta);
        Update(c01, c + Vector512<T>.Count, alpha, beta);
        Update(c10, c + ldc, alpha, beta);
        Update(c11, c + ldc + Vector512<T>.Count, alpha, beta);
        Update(c20, c + 2 * ldc, alpha, beta);
        Update(c21, c + 2 * ldc + Vector512<T>.Count, alpha, beta);
        Update(c30, c + 3 * ldc, alpha, beta);
        Update(c31, c + 3 * ldc + Vector512<T>.Count, alpha, beta);
    }

    /// <summary>
    /// <c>lanes[r] = op(A)[r, :] · B[:, 0..w]</c> for the first <paramref name="rows"/> (≤ 4) rows, unscaled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x1(int k, T* a, nint rs, nint cs, int rows, T* b, nint ldb, T* lanes)
    {
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
        // Rows past the edge re-read row 0 (always valid) and are never written back.
        T* a0 = a, a1 = rows > 1 ? a + rs : a, a2 = rows > 2 ? a + 2 * rs : a, a3 = rows > 3 ? a + 3 * rs : a;
        for (nint p = 0; p < k; p++)
        {
            var b0 = Vector512.Load(b + p * ldb);
            var offset = p * cs;
            c0 = Fma(Vector512.Create(a0[offset]), b0, c0);
            c1 = Fma(Vector512.Create(a1[offset]), b0, c1);
            c2 = Fma(Vector512.Create(a2[offset]), b0, c2);
            c3 = Fma(Vector512.Create(a3[offset]), b0, c3);
        }

        c0.Store(lanes);
        c1.Store(lanes + Vector512<T>.Count);
        c2.Store(lanes + 2 * Vector512<T>.Count);
        c3.Store(lanes + 3 * Vector512<T>.Count);
    }

    /// <summary>Writes the valid rows×columns of <paramref name="lanes"/> into C with the alpha/beta rule.</summary>
    private static void Merge(T* lanes, int stride, int rows, int columns, T* c, nint ldc, T alpha, T beta)
    {
        for (var r = 0; r < rows; r++)
        {
            var source = lanes + r * stride;
            var target = c + r * ldc;
            for (var j = 0; j < columns; j++)
            {
                target[j] = T.IsZero(beta) ? alpha * source[j] : alpha * source[j] + beta * target[j];
            }
        }
    }

    /// <summary><c>c = alpha · acc + beta · c</c>; beta = 0 does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update(Vector512<T> acc, T* c, T alpha, T beta)
    {
        var scaled = acc * Vector512.Create(alpha);
        if (!T.IsZero(beta))
        {
            scaled = Fma(Vector512.Load(c), Vector512.Create(beta), scaled);
        }

        scaled.Store(c);
    }

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
