using System.Numerics;
using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        float alpha, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int maxThreads = 0) =>
        Multiply(GemmKernelKind.Auto, null, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
            maxThreads);

    /// <summary>float64 GEMM. See the class remarks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(
        bool transposeA, bool transposeB, int m, int n, int k,
        double alpha, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb,
        double beta, Span<double> c, int ldc, int maxThreads = 0) =>
        Multiply(GemmKernelKind.Auto, null, transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
            maxThreads);

    /// <summary>The micro-kernel <see cref="GemmKernelKind.Auto"/> picks on this CPU.</summary>
    internal static GemmKernelKind BestKernel { get; } =
        GemmMicroKernel512<float>.IsSupported ? GemmKernelKind.Vector512
        : GemmMicroKernel256<float>.IsSupported ? GemmKernelKind.Vector256
        : GemmKernelKind.Scalar;

    /// <summary>
    /// The GEMM with its internals exposed for tests and tuning: which micro-kernel runs (any kind computes the
    /// right answer on any CPU; a kind without hardware support is merely slow) and the cache blocking
    /// (<c>null</c>: the kernel's defaults).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Multiply<T>(
        GemmKernelKind kind, GemmBlocking? blocking,
        bool transposeA, bool transposeB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(transposeA, transposeB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        var threads = maxThreads <= 0 ? Environment.ProcessorCount : maxThreads;
        fixed (T* pa = a, pb = b, pc = c)
        {
            var problem = new GemmProblem<T>(transposeA, transposeB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (kind == GemmKernelKind.Auto && m > 0 && n > 0 && k > 0 && !T.IsZero(alpha)
                && GemmTiny<T>.Applies(problem))
            {
                // Tiny products (a guide-sized layer): a dot product per element, nothing to set up.
                GemmTiny<T>.Run(problem);
                return;
            }

            if (kind == GemmKernelKind.Auto && m > 0 && n > 0 && k > 0 && !T.IsZero(alpha)
                && GemmSmall<T>.Applies(problem))
            {
                // Small products are all overhead: no packing, no threads.
                GemmSmall<T>.Run(problem);
                return;
            }

            switch (kind == GemmKernelKind.Auto ? BestKernel : kind)
            {
                case GemmKernelKind.Vector512:
                    Run<T, GemmMicroKernel512<T>>(problem, blocking, threads);
                    break;
                case GemmKernelKind.Vector256:
                    Run<T, GemmMicroKernel256<T>>(problem, blocking, threads);
                    break;
                default:
                    Run<T, GemmMicroKernelScalar<T>>(problem, blocking, threads);
                    break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TKernel>(in GemmProblem<T> problem, GemmBlocking? blocking, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmMicroKernel<T> =>
        GemmDriver<T, TKernel>.Run(problem,
            blocking ?? GemmBlocking.For(TKernel.Mr, TKernel.Nr, Unsafe.SizeOf<T>()),
            threads);

    /// <summary>Checks sizes, leading dimensions and span lengths, naming the operand that is wrong.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Validate(
        bool transposeA, bool transposeB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"gemm: sizes must be non-negative, got m={m}, n={n}, k={k}.");
        }

        CheckOperand("A", transposeA ? k : m, transposeA ? m : k, lda, aLength, transposeA);
        CheckOperand("B", transposeB ? n : k, transposeB ? k : n, ldb, bLength, transposeB);
        CheckOperand("C", m, n, ldc, cLength, transposed: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckOperand(string name, int rows, int columns, int leading, int length, bool transposed)
    {
        var stored = transposed ? " (stored transposed)" : "";
        if (leading < Math.Max(1, columns))
        {
            throw new ArgumentException(
                $"gemm: {name} is {rows}×{columns}{stored}, so its leading dimension must be at least {Math.Max(1, columns)}, got {leading}.");
        }

        var needed = rows == 0 || columns == 0 ? 0L : (long)(rows - 1) * leading + columns;
        if (length < needed)
        {
            throw new ArgumentException(
                $"gemm: {name} is {rows}×{columns}{stored} with leading dimension {leading}, so it needs {needed} elements, got {length}.");
        }
    }
}
