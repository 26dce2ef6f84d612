using System.Numerics;
using System.Runtime.CompilerServices;

namespace Gradwire.Kernels;

/// <summary>
/// The blocked GEMM (Goto/BLIS loop nest) around one micro-kernel: for each kc×nc panel of op(B) (packed once),
/// for each mc×kc block of op(A) (packed once), sweep the nr-column micro-panels of B̃ and, inside, the mr-row
/// panels of Ã, one register tile of C per micro-kernel call. Threads split C into row or column slices that
/// run this whole loop nest independently.
/// </summary>
internal static unsafe class GemmDriver<T, TKernel>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IGemmMicroKernel<T>
{
    /// <summary>
    /// Work below which a second thread costs more than it saves (multiply-adds, m·n·k): about 50 µs of one
    /// core's work, against the few µs it takes to wake a pool thread.
    /// </summary>
    private const long MinWorkPerThread = 128L * 128 * 128;

    /// <summary>Computes <paramref name="problem"/> on up to <paramref name="maxThreads"/> threads.</summary>
    /// <remarks>Fully optimized from the first call: small products are all call overhead, so no tier-0 code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(in GemmProblem<T> problem, GemmBlocking blocking, int maxThreads)
    {
        if (problem.M == 0 || problem.N == 0)
        {
            return;
        }

        if (problem.K == 0 || T.IsZero(problem.Alpha))
        {
            Scale(problem);
            return;
        }

        var work = (long)problem.M * problem.N * problem.K;
        var threads = (int)Math.Clamp(work / MinWorkPerThread, 1, maxThreads);
        // Split the dimension whose packing is cheaper to repeat: a row split makes every thread pack all of
        // op(B) (k·n values), a column split makes every thread pack all of op(A) (m·k values).
        var rowTiles = (problem.M + TKernel.Mr - 1) / TKernel.Mr;
        var columnTiles = (problem.N + TKernel.Nr - 1) / TKernel.Nr;
        var splitRows = problem.N <= problem.M ? rowTiles >= 2 : columnTiles < 2;
        threads = Math.Min(threads, splitRows ? rowTiles : columnTiles);
        if (threads <= 1)
        {
            RunSlice(problem, blocking);
            return;
        }

        var p = problem;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, slice =>
        {
            var tiles = splitRows ? rowTiles : columnTiles;
            var first = (int)((long)tiles * slice / threads);
            var end = (int)((long)tiles * (slice + 1) / threads);
            if (splitRows)
            {
                var i0 = first * TKernel.Mr;
                RunSlice(p.Rows(i0, Math.Min(end * TKernel.Mr, p.M) - i0), blocking);
            }
            else
            {
                var j0 = first * TKernel.Nr;
                RunSlice(p.Columns(j0, Math.Min(end * TKernel.Nr, p.N) - j0), blocking);
            }
        });
    }

    /// <summary>The single-threaded loop nest over one slice of C.</summary>
    /// <remarks>
    /// Fully optimized from the first call (no tier-0 code for the first small products) and without zeroing
    /// the edge-tile scratch, which the kernel always overwrites.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void RunSlice(in GemmProblem<T> problem, GemmBlocking blocking)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        var kcMax = Math.Min(blocking.Kc, problem.K);
        var mcMax = Math.Min(RoundUp(blocking.Mc, mr), RoundUp(problem.M, mr));
        var ncMax = Math.Min(RoundUp(blocking.Nc, nr), RoundUp(problem.N, nr));
        var packedA = GemmPackBuffers<T>.A(mcMax * kcMax);
        var packedB = GemmPackBuffers<T>.B(kcMax * ncMax);
        var edge = stackalloc T[mr * nr];

        for (var jc = 0; jc < problem.N; jc += ncMax)
        {
            var nc = Math.Min(ncMax, problem.N - jc);
            for (var pc = 0; pc < problem.K; pc += kcMax)
            {
                var kc = Math.Min(kcMax, problem.K - pc);
                GemmPacking.PackB(packedB, problem.BAt(pc, jc), problem.Ldb, problem.TransposeB, kc, nc, nr);
                // The first block of k applies beta; later blocks accumulate onto what it wrote.
                var beta = pc == 0 ? problem.Beta : T.One;
                for (var ic = 0; ic < problem.M; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, problem.M - ic);
                    GemmPacking.PackA(packedA, problem.AAt(ic, pc), problem.Lda, problem.TransposeA, mc, kc, mr);
                    for (var jr = 0; jr < nc; jr += nr)
                    {
                        var columns = Math.Min(nr, nc - jr);
                        var panelB = packedB + (nint)jr * kc;
                        for (var ir = 0; ir < mc; ir += mr)
                        {
                            var rows = Math.Min(mr, mc - ir);
                            var panelA = packedA + (nint)ir * kc;
                            var tile = problem.C + (ic + ir) * problem.Ldc + jc + jr;
                            if (rows == mr && columns == nr)
                            {
                                TKernel.Run(kc, panelA, panelB, tile, problem.Ldc, problem.Alpha, beta);
                            }
                            else
                            {
                                TKernel.Run(kc, panelA, panelB, edge, nr, T.One, T.Zero);
                                MergeEdge(edge, nr, tile, problem.Ldc, rows, columns, problem.Alpha, beta);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Writes the valid rows×columns corner of a full tile computed into a scratch buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MergeEdge(T* edge, int nr, T* c, nint ldc, int rows, int columns, T alpha, T beta)
    {
        for (var i = 0; i < rows; i++)
        {
            var source = edge + i * nr;
            var target = c + i * ldc;
            if (T.IsZero(beta))
            {
                for (var j = 0; j < columns; j++)
                {
                    target[j] = alpha * source[j];
                }
            }
            else
            {
                for (var j = 0; j < columns; j++)
                {
                    target[j] = alpha * source[j] + beta * target[j];
                }
            }
        }
    }

    /// <summary><c>C = beta · C</c> (the whole product when k = 0 or alpha = 0); beta = 0 clears C.</summary>
    private static void Scale(in GemmProblem<T> problem)
    {
        for (var i = 0; i < problem.M; i++)
        {
            var row = new Span<T>(problem.C + i * problem.Ldc, problem.N);
            if (T.IsZero(problem.Beta))
            {
                row.Clear();
            }
            else if (problem.Beta != T.One)
            {
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] *= problem.Beta;
                }
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
