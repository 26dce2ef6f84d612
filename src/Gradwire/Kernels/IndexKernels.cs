using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// Index-producing kernels on spans: arg-max/min of rows, stable sort and top-k of rows. Each row is
/// <c>cols</c> consecutive elements; results are int64 positions within the row. NaN is larger than every
/// number (PyTorch's order for sort, max and argmax).
/// </summary>
internal static class IndexKernels
{
    /// <summary>Index of the first maximum (or minimum) of each row; a NaN wins at its first position.</summary>
    public static void ArgRows<T>(ReadOnlySpan<T> x, Span<long> indices, int cols, bool max)
        where T : unmanaged, INumber<T>
    {
        for (var r = 0; r < indices.Length; r++)
        {
            var row = x.Slice(r * cols, cols);
            var best = 0;
            if (!T.IsNaN(row[0]))
            {
                for (var i = 1; i < cols; i++)
                {
                    var v = row[i];
                    if (T.IsNaN(v))
                    {
                        best = i;
                        break;
                    }

                    if (max ? v > row[best] : v < row[best])
                    {
                        best = i;
                    }
                }
            }

            indices[r] = best;
        }
    }

    /// <summary>
    /// Sorts each row stably (equal elements keep their order, as <c>torch.sort(stable=True)</c>):
    /// <paramref name="values"/> gets the sorted row, <paramref name="indices"/> the source positions.
    /// Descending order keeps ties in their original order too. Merge sort on an index buffer: O(n log n).
    /// </summary>
    public static void SortRows<T>(ReadOnlySpan<T> x, Span<T> values, Span<long> indices, int cols, bool descending)
        where T : unmanaged, INumber<T>
    {
        if (cols == 0)
        {
            return;
        }

        var rows = x.Length / cols;
        var order = new int[cols];
        var scratch = new int[cols];
        for (var r = 0; r < rows; r++)
        {
            var row = x.Slice(r * cols, cols);
            for (var i = 0; i < cols; i++)
            {
                order[i] = i;
            }

            MergeSort(row, order, scratch, 0, cols, descending);
            for (var i = 0; i < cols; i++)
            {
                values[r * cols + i] = row[order[i]];
                indices[r * cols + i] = order[i];
            }
        }
    }

    /// <summary>True when <paramref name="a"/> goes strictly before <paramref name="b"/> (NaN is the largest).</summary>
    private static bool Before<T>(T a, T b, bool descending)
        where T : INumber<T>
    {
        var an = T.IsNaN(a);
        var bn = T.IsNaN(b);
        if (an || bn)
        {
            return descending ? an && !bn : bn && !an;
        }

        return descending ? a > b : a < b;
    }

    private static void MergeSort<T>(ReadOnlySpan<T> row, int[] order, int[] scratch, int lo, int hi, bool descending)
        where T : INumber<T>
    {
        if (hi - lo < 2)
        {
            return;
        }

        if (hi - lo <= 16)
        {
            // Insertion sort is stable and fast on short runs.
            for (var i = lo + 1; i < hi; i++)
            {
                var k = order[i];
                var j = i - 1;
                while (j >= lo && Before(row[k], row[order[j]], descending))
                {
                    order[j + 1] = order[j];
                    j--;
                }

                order[j + 1] = k;
            }

            return;
        }

        var mid = (lo + hi) / 2;
        MergeSort(row, order, scratch, lo, mid, descending);
        MergeSort(row, order, scratch, mid, hi, descending);
        int a = lo, b = mid, w = lo;
        while (a < mid && b < hi)
        {
            // Take from the right only when strictly before: ties keep the left (earlier) element first.
            scratch[w++] = Before(row[order[b]], row[order[a]], descending) ? order[b++] : order[a++];
        }

        while (a < mid) scratch[w++] = order[a++];
        while (b < hi) scratch[w++] = order[b++];
        Array.Copy(scratch, lo, order, lo, hi - lo);
    }
}

/// <summary>Gather and scatter-add by precomputed storage positions, on arrays (the positions come from the index tensor).</summary>
internal static class GatherKernels
{
    /// <summary><c>y[yOffset + i] = x[positions[i]]</c>.</summary>
    public static void Gather<T>(T[] x, ReadOnlySpan<int> positions, Span<T> y)
    {
        for (var i = 0; i < positions.Length; i++)
        {
            y[i] = x[positions[i]];
        }
    }

    /// <summary><c>y[positions[i]] += src[i]</c>, in order (repeated positions accumulate).</summary>
    public static void ScatterAdd<T>(T[] y, ReadOnlySpan<int> positions, ReadOnlySpan<T> src)
        where T : INumber<T>
    {
        for (var i = 0; i < positions.Length; i++)
        {
            y[positions[i]] += src[i];
        }
    }
}
