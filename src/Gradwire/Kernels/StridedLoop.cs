namespace Gradwire.Kernels;

/// <summary>A kernel over one row (the innermost run of a strided iteration) for up to four operands.</summary>
internal interface IRowKernel
{
    /// <summary>
    /// Processes <paramref name="length"/> elements: operand k starts at <c>offsets[k]</c> and steps by
    /// <c>strides[k]</c> (0 for a broadcast operand).
    /// </summary>
    void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides);
}

/// <summary>
/// Walks an N-d index space row by row for several strided operands at once, without materializing
/// broadcasts or transposes. Axes of size 1 are dropped and adjacent axes that are contiguous for every
/// operand are merged first, so a contiguous tensor is one long row and a row-vector bias over a matrix is
/// one row per matrix row.
/// </summary>
internal static class StridedLoop
{
    public const int MaxOperands = 4;

    /// <summary>
    /// Runs <paramref name="kernel"/> over <paramref name="shape"/>. <paramref name="strides"/> holds
    /// <paramref name="operands"/> stride vectors of length rank, operand-major; <paramref name="offsets"/>
    /// the operands' start offsets. With <paramref name="parallel"/>, rows (or chunks of one long row) are
    /// split across cores when the work is large: only for kernels whose rows write disjoint outputs.
    /// </summary>
    public static void Run<TKernel>(
        ref TKernel kernel, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> offsets,
        int operands, bool parallel)
        where TKernel : struct, IRowKernel
    {
        var rank = shape.Length;
        Span<int> dims = rank <= 16 ? stackalloc int[16] : new int[rank];
        Span<int> st = rank <= 16 ? stackalloc int[16 * MaxOperands] : new int[rank * MaxOperands];
        long total = 1;
        var r = 0;
        for (var i = 0; i < rank; i++)
        {
            total *= shape[i];
            if (shape[i] == 1)
            {
                continue;
            }

            dims[r] = shape[i];
            for (var k = 0; k < operands; k++)
            {
                st[k * rank + r] = strides[k * rank + i];
            }

            r++;
        }

        if (total == 0)
        {
            return;
        }

        Span<int> off = stackalloc int[MaxOperands];
        Span<int> inner = stackalloc int[MaxOperands];
        offsets[..operands].CopyTo(off);
        if (r == 0)
        {
            kernel.Row(1, off[..operands], inner[..operands]);
            return;
        }

        // Merge axis i into the run kept at w when every operand steps over it contiguously.
        var w = 0;
        for (var i = 1; i < r; i++)
        {
            var mergeable = true;
            for (var k = 0; k < operands && mergeable; k++)
            {
                mergeable = st[k * rank + w] == st[k * rank + i] * dims[i];
            }

            if (mergeable)
            {
                dims[w] *= dims[i];
                for (var k = 0; k < operands; k++)
                {
                    st[k * rank + w] = st[k * rank + i];
                }
            }
            else
            {
                w++;
                dims[w] = dims[i];
                for (var k = 0; k < operands; k++)
                {
                    st[k * rank + w] = st[k * rank + i];
                }
            }
        }

        r = w + 1;
        var length = dims[r - 1];
        for (var k = 0; k < operands; k++)
        {
            inner[k] = st[k * rank + r - 1];
        }

        var rows = total / length;
        var chunks = parallel ? Parallelism.ChunksFor(total) : 1;
        if (chunks > 1)
        {
            RunParallel(kernel, dims[..r].ToArray(), st.ToArray(), rank, off[..operands].ToArray(), inner[..operands].ToArray(), operands, rows, length, chunks);
            return;
        }

        RunRows(ref kernel, dims[..r], st, rank, off[..operands], inner[..operands], operands, 0, rows, length);
    }

    private static void RunRows<TKernel>(
        ref TKernel kernel, ReadOnlySpan<int> dims, ReadOnlySpan<int> st, int rank, Span<int> off,
        ReadOnlySpan<int> inner, int operands, long firstRow, long endRow, int length)
        where TKernel : struct, IRowKernel
    {
        var outer = dims.Length - 1;
        Span<int> counter = outer <= 16 ? stackalloc int[16] : new int[outer];
        counter.Clear();

        // Position the counters and offsets at firstRow.
        var rem = firstRow;
        for (var d = outer - 1; d >= 0; d--)
        {
            counter[d] = (int)(rem % dims[d]);
            rem /= dims[d];
            for (var k = 0; k < operands; k++)
            {
                off[k] += counter[d] * st[k * rank + d];
            }
        }

        for (var row = firstRow; row < endRow; row++)
        {
            kernel.Row(length, off, inner);
            for (var d = outer - 1; d >= 0; d--)
            {
                for (var k = 0; k < operands; k++)
                {
                    off[k] += st[k * rank + d];
                }

                if (++counter[d] < dims[d])
                {
                    break;
                }

                counter[d] = 0;
                for (var k = 0; k < operands; k++)
                {
                    off[k] -= st[k * rank + d] * dims[d];
                }
            }
        }
    }

    private static void RunParallel<TKernel>(
        TKernel kernel, int[] dims, int[] st, int rank, int[] off, int[] inner, int operands, long rows,
        int length, int chunks)
        where TKernel : struct, IRowKernel
    {
        if (rows == 1)
        {
            // One long row: split it into contiguous pieces.
            Parallelism.For(chunks, c =>
            {
                var k0 = kernel;
                var start = (int)((long)length * c / chunks);
                var end = (int)((long)length * (c + 1) / chunks);
                Span<int> o = stackalloc int[MaxOperands];
                for (var k = 0; k < operands; k++)
                {
                    o[k] = off[k] + start * inner[k];
                }

                k0.Row(end - start, o[..operands], inner);
            });
            return;
        }

        chunks = (int)Math.Min(chunks, rows);
        Parallelism.For(chunks, c =>
        {
            var k0 = kernel;
            var first = rows * c / chunks;
            var end = rows * (c + 1) / chunks;
            Span<int> o = stackalloc int[MaxOperands];
            off.AsSpan().CopyTo(o);
            RunRows(ref k0, dims, st, rank, o[..operands], inner, operands, first, end, length);
        });
    }
}
