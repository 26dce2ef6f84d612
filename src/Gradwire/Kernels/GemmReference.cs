using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// The naive twin of <see cref="Gemm"/>: three loops, accumulated in the element type, no blocking. It is the
/// definition the fast kernel is tested against, not a fallback for speed.
/// </summary>
internal static class GemmReference
{
    /// <summary><c>C = alpha · op(A) · op(B) + beta · C</c>, row-major, as <see cref="Gemm"/>.</summary>
    public static void Multiply<T>(
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc)
        where T : IFloatingPointIeee754<T>
    {
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = T.Zero;
                for (var p = 0; p < k; p++)
                {
                    var aip = transposeA ? a[p * lda + i] : a[i * lda + p];
                    var bpj = transposeB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += aip * bpj;
                }

                ref var cij = ref c[i * ldc + j];
                cij = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }
}
