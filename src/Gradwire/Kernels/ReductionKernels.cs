using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Kernels;

/// <summary>What a reduction combines with.</summary>
internal enum ReduceOp
{
    Sum, Max, Min,
}

/// <summary>
/// Reductions over any set of axes. The output has the input's rank with size 1 on the reduced axes, so its
/// broadcast strides are 0 exactly there and one <see cref="StridedLoop"/> walk folds the input into it: a
/// reduced innermost run becomes one SIMD sum, a kept innermost run one SIMD add of rows. Reductions over
/// trailing axes of a contiguous tensor (softmax rows, a full sum) split across cores when large.
/// </summary>
internal static class ReductionKernels
{
    /// <summary>
    /// Folds <paramref name="x"/> into the contiguous output <paramref name="d"/>, whose elements are laid out as
    /// <paramref name="keepShape"/> (x's shape with 1 on the reduced axes).
    /// </summary>
    public static void Reduce<T>(ReduceOp op, Tensor x, Tensor d, int[] keepShape)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dd = d.Data<T>();
        var xd = x.Data<T>();
        var outSize = d.Numel;
        new Span<T>(dd, d.Offset, outSize).Fill(Identity<T>(op));
        if (x.Numel == 0)
        {
            return;
        }

        if (x.IsContiguous && ReducesTrailingAxes(x.ShapeArray, keepShape))
        {
            var cols = x.Numel / outSize;
            var chunks = Parallelism.ChunksFor(x.Numel);
            if (chunks == 1)
            {
                for (var r = 0; r < outSize; r++)
                {
                    dd[d.Offset + r] = Aggregate(op, new ReadOnlySpan<T>(xd, x.Offset + r * cols, cols));
                }
            }
            else
            {
                ReduceRowsParallel(op, xd, x.Offset, dd, d.Offset, outSize, cols, chunks);
            }

            return;
        }

        var rank = x.Rank;
        Span<int> strides = stackalloc int[2 * rank];
        Broadcasting.ReductionStridesInto(x, keepShape, strides);

        Span<int> offsets = [x.Offset, d.Offset];
        var kernel = new ReduceRow<T> { Op = op, X = xd, D = dd };
        StridedLoop.Run(ref kernel, x.ShapeArray, strides, offsets, 2, parallel: false);
    }

    private static void ReduceRowsParallel<T>(ReduceOp op, T[] xd, int xo, T[] dd, int doff, int outSize, int cols, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (outSize == 1)
        {
            // One long row: partial results per chunk, combined at the end.
            var partial = new T[chunks];
            Parallelism.For(chunks, c =>
            {
                var start = (int)((long)cols * c / chunks);
                var end = (int)((long)cols * (c + 1) / chunks);
                partial[c] = Aggregate(op, new ReadOnlySpan<T>(xd, xo + start, end - start));
            });
            dd[doff] = Aggregate(op, partial);
            return;
        }

        chunks = Math.Min(chunks, outSize);
        Parallelism.For(chunks, c =>
        {
            var first = (int)((long)outSize * c / chunks);
            var end = (int)((long)outSize * (c + 1) / chunks);
            for (var r = first; r < end; r++)
            {
                dd[doff + r] = Aggregate(op, new ReadOnlySpan<T>(xd, xo + r * cols, cols));
            }
        });
    }

    /// <summary>The value a reduction starts from: 0, −∞ or +∞.</summary>
    public static T Identity<T>(ReduceOp op)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        op switch
        {
            ReduceOp.Sum => T.Zero,
            ReduceOp.Max => T.NegativeInfinity,
            _ => T.PositiveInfinity,
        };

    /// <summary>Sum, max or min of a contiguous span (SIMD).</summary>
    public static T Aggregate<T>(ReduceOp op, ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
        {
            return Identity<T>(op);
        }

        return op switch
        {
            ReduceOp.Sum => TensorPrimitives.Sum(x),
            ReduceOp.Max => TensorPrimitives.Max(x),
            _ => TensorPrimitives.Min(x),
        };
    }

    /// <summary>Running sums along each contiguous row of <paramref name="cols"/> elements (from the end when reversed).</summary>
    public static void CumSumRows<T>(ReadOnlySpan<T> x, Span<T> d, int cols, bool reverse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (cols == 0)
        {
            return;
        }

        for (var r = 0; r < x.Length / cols; r++)
        {
            var src = x.Slice(r * cols, cols);
            var dst = d.Slice(r * cols, cols);
            var acc = T.Zero;
            if (reverse)
            {
                for (var i = cols - 1; i >= 0; i--)
                {
                    acc += src[i];
                    dst[i] = acc;
                }
            }
            else
            {
                for (var i = 0; i < cols; i++)
                {
                    acc += src[i];
                    dst[i] = acc;
                }
            }
        }
    }

    private static bool ReducesTrailingAxes(int[] shape, int[] keepShape)
    {
        // The kept axes must all come before the reduced ones (ignoring axes of size 1).
        var seenReduced = false;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1)
            {
                continue;
            }

            var reduced = keepShape[i] == 1;
            if (!reduced && seenReduced)
            {
                return false;
            }

            seenReduced |= reduced;
        }

        return true;
    }

    private static T Combine<T>(ReduceOp op, T a, T b)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        op switch
        {
            ReduceOp.Sum => a + b,
            ReduceOp.Max => T.Max(a, b),
            _ => T.Min(a, b),
        };

    private struct ReduceRow<T> : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public ReduceOp Op;
        public T[] X, D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int xo = offsets[0], o = offsets[1], xs = strides[0], ds = strides[1];
            if (ds == 0)
            {
                T acc;
                if (xs == 1)
                {
                    acc = Aggregate(Op, new ReadOnlySpan<T>(X, xo, length));
                }
                else
                {
                    acc = Identity<T>(Op);
                    for (var i = 0; i < length; i++, xo += xs)
                    {
                        acc = Combine(Op, acc, X[xo]);
                    }
                }

                D[o] = Combine(Op, D[o], acc);
                return;
            }

            if (xs == 1 && ds == 1)
            {
                var x = new ReadOnlySpan<T>(X, xo, length);
                var d = new Span<T>(D, o, length);
                switch (Op)
                {
                    case ReduceOp.Sum: TensorPrimitives.Add(d, x, d); break;
                    case ReduceOp.Max: TensorPrimitives.Max(d, x, d); break;
                    default: TensorPrimitives.Min(d, x, d); break;
                }

                return;
            }

            for (var i = 0; i < length; i++, xo += xs, o += ds)
            {
                D[o] = Combine(Op, D[o], X[xo]);
            }
        }
    }
}
