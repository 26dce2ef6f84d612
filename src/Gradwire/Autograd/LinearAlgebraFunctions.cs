using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Matrix products through <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>.
/// A transposed view is passed as a transpose flag with its leading dimension, never copied; batch
/// dimensions broadcast. Backward: <c>dA = dC · Bᵀ</c>, <c>dB = Aᵀ · dC</c>, each summed back over broadcast
/// batch axes.
/// </summary>
internal static class LinearAlgebraFunctions
{
    // Products up to this many multiply-adds (m·n·k) run one per thread when batched.
    private const long SmallProductWork = 1L << 21;

    public static Tensor MatMul(Tensor a, Tensor b)
    {
        Backends.Dispatch.RequireFloat("matmul", a);
        Backends.Dispatch.RequireFloat("matmul", b);
        ElementwiseFunctions.CheckDType("matmul", a, b);
        if (a.Rank == 0 || b.Rank == 0)
        {
            throw new ArgumentException(
                $"matmul: {a.Shape} @ {b.Shape}: both operands need at least one axis; use * to scale by a scalar.");
        }

        if (a.Rank == 1 && b.Rank == 1)
        {
            if (a.ShapeArray[0] != b.ShapeArray[0])
            {
                throw new ArgumentException(
                    $"matmul: {a.Shape} @ {b.Shape}: the vectors have different lengths {a.ShapeArray[0]} and {b.ShapeArray[0]}.");
            }

            return MatMul(a.Unsqueeze(0), b.Unsqueeze(1)).Reshape([]);
        }

        if (a.Rank == 1)
        {
            CheckInner(a, b, a.ShapeArray[0], b.ShapeArray[^2]);
            return MatMul(a.Unsqueeze(0), b).Squeeze(-2);
        }

        if (b.Rank == 1)
        {
            CheckInner(a, b, a.ShapeArray[^1], b.ShapeArray[0]);
            return MatMul(a, b.Unsqueeze(1)).Squeeze(-1);
        }

        var m = a.ShapeArray[^2];
        var k = a.ShapeArray[^1];
        var n = b.ShapeArray[^1];
        CheckInner(a, b, k, b.ShapeArray[^2]);
        var batchA = a.ShapeArray[..^2];
        var batchB = b.ShapeArray[..^2];
        int[] batch;
        try
        {
            batch = Broadcasting.Align("matmul", batchA, batchB);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"matmul: {a.Shape} @ {b.Shape}: the batch axes {Shape.Format(batchA)} and {Shape.Format(batchB)} cannot be broadcast " +
                "(aligned from the right, each pair of sizes must be equal or one of them 1).");
        }

        var outShape = new int[batch.Length + 2];
        batch.CopyTo(outShape, 0);
        outShape[^2] = m;
        outShape[^1] = n;
        if (!Shape.Fits(outShape))
        {
            throw new ArgumentException(
                $"matmul: {a.Shape} @ {b.Shape} gives shape {Shape.Format(outShape)}, more than the {Shape.MaxElements} elements " +
                "one tensor holds (the longest .NET array). Multiply smaller blocks, or reduce the batch.");
        }

        var c = Tensor.Empty(outShape, a.DType);
        Backends.Dispatch.Record("matmul", a, b, c);
        if (a.DType == DType.Float32)
        {
            Multiply<float>(a, b, c, batch, m, n, k);
        }
        else
        {
            Multiply<double>(a, b, c, batch, m, n, k);
        }

        if (GradMode.Enabled && (a.RequiresGrad || b.RequiresGrad))
        {
            c.SetGradFn(new MatMulNode(a, b));
        }

        return c;
    }

    private static void CheckInner(Tensor a, Tensor b, int k1, int k2)
    {
        if (k1 != k2)
        {
            throw new ArgumentException(
                $"matmul: {a.Shape} @ {b.Shape}: inner dimensions {k1} and {k2} differ (the left operand's last axis must " +
                "equal the right operand's second-to-last axis; transpose one of them?).");
        }
    }

    /// <summary>How GEMM can read a matrix view without copying: a transpose flag and leading dimension, if any.</summary>
    private static bool Layout(Tensor t, int rows, int cols, out bool transpose, out int ld)
    {
        var rowStride = t.StridesArray[^2];
        var colStride = t.StridesArray[^1];
        if ((colStride == 1 || cols == 1) && (rows == 1 || rowStride >= cols))
        {
            transpose = false;
            ld = rows == 1 ? Math.Max(cols, 1) : rowStride;
            return true;
        }

        if ((rowStride == 1 || rows == 1) && (cols == 1 || colStride >= rows))
        {
            transpose = true;
            ld = cols == 1 ? Math.Max(rows, 1) : colStride;
            return true;
        }

        transpose = false;
        ld = 0;
        return false;
    }

    private static void Multiply<T>(Tensor a, Tensor b, Tensor c, int[] batch, int m, int n, int k)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (c.Numel == 0)
        {
            return;
        }

        if (k == 0)
        {
            c.Data<T>().AsSpan(0, c.Numel).Clear();
            return;
        }

        Tensor? aCopy = null, bCopy = null;
        if (!Layout(a, m, k, out var transA, out var lda))
        {
            aCopy = a.CopyContiguousTemp();
            a = aCopy;
            Layout(a, m, k, out transA, out lda);
        }

        if (!Layout(b, k, n, out var transB, out var ldb))
        {
            bCopy = b.CopyContiguousTemp();
            b = bCopy;
            Layout(b, k, n, out transB, out ldb);
        }

        try
        {
            var ad = a.Data<T>();
            var bd = b.Data<T>();
            var cd = c.Data<T>();
            var rank = batch.Length;
            Span<int> sa = stackalloc int[rank];
            Span<int> sb = stackalloc int[rank];
            BatchStrides(a, rank, sa);
            BatchStrides(b, rank, sb);
            var count = 1;
            foreach (var d in batch)
            {
                count *= d;
            }

            Span<int> index = stackalloc int[rank];
            index.Clear();
            int offA = a.Offset, offB = b.Offset;

            // Many small products (attention's [B·H] score and value products): one thread per product, the
            // batch split across threads, instead of one product at a time on a GEMM too small to split.
            var threads = Parallelism.MaxThreads;
            var spread = count > 1 && threads > 1 && (long)m * n * k <= SmallProductWork;
            var offsetsA = spread ? new int[count] : null;
            var offsetsB = spread ? new int[count] : null;
            for (var p = 0; p < count; p++)
            {
                if (spread)
                {
                    offsetsA![p] = offA;
                    offsetsB![p] = offB;
                }
                else
                {
                    Gemm<T>(transA, transB, m, n, k, ad, offA, lda, bd, offB, ldb, cd, p * m * n, Parallelism.MaxThreads);
                }

                for (var d = rank - 1; d >= 0; d--)
                {
                    offA += sa[d];
                    offB += sb[d];
                    if (++index[d] < batch[d])
                    {
                        break;
                    }

                    index[d] = 0;
                    offA -= sa[d] * batch[d];
                    offB -= sb[d] * batch[d];
                }
            }

            if (spread)
            {
                var chunks = Math.Min(threads, count);
                Parallelism.For(chunks, chunk =>
                {
                    for (var p = chunk * count / chunks; p < (chunk + 1) * count / chunks; p++)
                    {
                        Gemm<T>(transA, transB, m, n, k, ad, offsetsA![p], lda, bd, offsetsB![p], ldb, cd, p * m * n, 1);
                    }
                });
            }
        }
        finally
        {
            aCopy?.Dispose();
            bCopy?.Dispose();
        }
    }

    private static void BatchStrides(Tensor t, int rank, Span<int> strides)
    {
        var tb = t.Rank - 2;
        var lead = rank - tb;
        strides.Clear();
        for (var i = 0; i < tb; i++)
        {
            strides[lead + i] = t.ShapeArray[i] == 1 ? 0 : t.StridesArray[i];
        }
    }

    private static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T[] a, int offA, int lda, T[] b, int offB, int ldb, T[] c, int offC, int threads)
    {
        if (typeof(T) == typeof(float))
        {
            Kernels.Gemm.Multiply(transA, transB, m, n, k, 1f, new ReadOnlySpan<float>((float[])(object)a, offA, a.Length - offA), lda,
                new ReadOnlySpan<float>((float[])(object)b, offB, b.Length - offB), ldb, 0f,
                new Span<float>((float[])(object)c, offC, m * n), n, threads);
        }
        else
        {
            Kernels.Gemm.Multiply(transA, transB, m, n, k, 1.0, new ReadOnlySpan<double>((double[])(object)a, offA, a.Length - offA), lda,
                new ReadOnlySpan<double>((double[])(object)b, offB, b.Length - offB), ldb, 0.0,
                new Span<double>((double[])(object)c, offC, m * n), n, threads);
        }
    }

    private sealed class MatMulNode(Tensor a, Tensor b) : Node(a, b)
    {
        private readonly SavedTensor _a = new(a);
        private readonly SavedTensor _b = new(b);

        public override string Name => "matmul";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var a = _a.Get(this);
            var b = _b.Get(this);
            if (NeedsGrad(0))
            {
                grads[0] = ElementwiseFunctions.SumToShape(MatMul(g, b.MT), a.ShapeArray);
            }

            if (NeedsGrad(1))
            {
                grads[1] = ElementwiseFunctions.SumToShape(MatMul(a.MT, g), b.ShapeArray);
            }
        }
    }
}
