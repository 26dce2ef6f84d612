using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gradwire.Kernels;

/// <summary>
/// The GEMM's tier for tiny products (m·n·k ≤ 256, e.g. the XOR net's 4×2×8 layer): one dot product per
/// element of C, read in place. Even <see cref="GemmSmall{T}"/>'s transposed copy of B, zero-padded column
/// panel and lane merge cost more than the few dozen multiply-adds here; fused layers call the GEMM for every
/// size and this tier keeps their tiny steps as fast as hand-written loops.
/// </summary>
internal static unsafe class GemmTiny<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest m·n·k that takes this tier.</summary>
    public const long MaxWork = 256;

    /// <summary>Whether <paramref name="problem"/> is this small.</summary>
    public static bool Applies(in GemmProblem<T> problem) => (long)problem.M * problem.N * problem.K <= MaxWork;

    /// <summary>C = alpha · op(A) · op(B) + beta · C (beta = 0 overwrites: NaNs in C do not leak).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> problem)
    {
        int m = problem.M, n = problem.N, k = problem.K;
        // op(A)[i, p] = a[i · ais + p · aps]; op(B)[p, j] = b[p · bps + j · bjs].
        nint ais = problem.TransposeA ? 1 : problem.Lda, aps = problem.TransposeA ? problem.Lda : 1;
        nint bps = problem.TransposeB ? 1 : problem.Ldb, bjs = problem.TransposeB ? problem.Ldb : 1;
        var alpha = problem.Alpha;
        var beta = problem.Beta;
        for (var i = 0; i < m; i++)
        {
            var a = problem.A + i * ais;
            var c = problem.C + i * problem.Ldc;
            for (var j = 0; j < n; j++)
            {
                var b = problem.B + j * bjs;
                var sum = T.Zero;
                for (var p = 0; p < k; p++)
                {
                    sum += a[p * aps] * b[p * bps];
                }

                c[j] = T.IsZero(beta) ? alpha * sum : alpha * sum + beta * c[j];
            }
        }
    }
}
