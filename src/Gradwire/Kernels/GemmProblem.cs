using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// One GEMM call on pinned memory: <c>C = alpha · op(A) · op(B) + beta · C</c>, op(A) m×k, op(B) k×n, row-major
/// with leading dimensions. Slicing by rows or columns of C gives the independent problems threads run.
/// </summary>
internal readonly unsafe struct GemmProblem<T>(
    bool transposeA, bool transposeB, int m, int n, int k,
    T alpha, T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public bool TransposeA { get; } = transposeA;

    public bool TransposeB { get; } = transposeB;

    public int M { get; } = m;

    public int N { get; } = n;

    public int K { get; } = k;

    public T Alpha { get; } = alpha;

    public T* A { get; } = a;

    public nint Lda { get; } = lda;

    public T* B { get; } = b;

    public nint Ldb { get; } = ldb;

    public T Beta { get; } = beta;

    public T* C { get; } = c;

    public nint Ldc { get; } = ldc;

    /// <summary>Pointer to op(A)[i, p].</summary>
    public T* AAt(int i, int p) => TransposeA ? A + p * Lda + i : A + i * Lda + p;

    /// <summary>Pointer to op(B)[p, j].</summary>
    public T* BAt(int p, int j) => TransposeB ? B + j * Ldb + p : B + p * Ldb + j;

    /// <summary>The same product restricted to rows [<paramref name="i0"/>, +<paramref name="rows"/>) of C.</summary>
    public GemmProblem<T> Rows(int i0, int rows) =>
        new(TransposeA, TransposeB, rows, N, K, Alpha, AAt(i0, 0), Lda, B, Ldb, Beta, C + i0 * Ldc, Ldc);

    /// <summary>The same product restricted to columns [<paramref name="j0"/>, +<paramref name="columns"/>) of C.</summary>
    public GemmProblem<T> Columns(int j0, int columns) =>
        new(TransposeA, TransposeB, M, columns, K, Alpha, A, Lda, BAt(0, j0), Ldb, Beta, C + j0, Ldc);
}
