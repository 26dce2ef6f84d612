namespace Gradwire.Manifold;

/// <summary>
/// A symmetric sparse P in compressed rows: row i's entries are <c>Columns[RowStart[i]..RowStart[i + 1]]</c>
/// with <c>Values</c> alongside, columns ascending, no diagonal.
/// </summary>
internal sealed class SparseAffinities
{
    public SparseAffinities(int[] rowStart, int[] columns, double[] values)
    {
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Count => RowStart.Length - 1;

    public int[] RowStart { get; }

    public int[] Columns { get; }

    public double[] Values { get; }

    /// <summary>
    /// P = (C + Cᵀ) / Σ(C + Cᵀ) from the conditional rows C (row i: <paramref name="k"/> entries at
    /// <paramref name="neighbours"/>[i·k..], values <paramref name="conditional"/>[i·k..]); duplicates merge.
    /// </summary>
    public static SparseAffinities Symmetrize(int n, int k, int[] neighbours, double[] conditional)
    {
        // Each conditional entry (i, j, v) lands at (i, j) and (j, i): count per row, then fill, then merge.
        var counts = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < k; t++)
            {
                counts[i + 1]++;
                counts[neighbours[i * k + t] + 1]++;
            }
        }

        for (var i = 0; i < n; i++)
        {
            counts[i + 1] += counts[i];
        }

        var fill = (int[])counts.Clone();
        var cols = new int[counts[n]];
        var vals = new double[counts[n]];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < k; t++)
            {
                var j = neighbours[i * k + t];
                var v = conditional[i * k + t];
                cols[fill[i]] = j;
                vals[fill[i]++] = v;
                cols[fill[j]] = i;
                vals[fill[j]++] = v;
            }
        }

        var rowStart = new int[n + 1];
        var outCols = new int[cols.Length];
        var outVals = new double[cols.Length];
        var nnz = 0;
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var start = counts[i];
            var end = counts[i + 1];
            Array.Sort(cols, vals, start, end - start);
            rowStart[i] = nnz;
            for (var e = start; e < end; e++)
            {
                if (nnz > rowStart[i] && outCols[nnz - 1] == cols[e])
                {
                    outVals[nnz - 1] += vals[e];
                }
                else
                {
                    outCols[nnz] = cols[e];
                    outVals[nnz++] = vals[e];
                }

                total += vals[e];
            }
        }

        rowStart[n] = nnz;
        var scale = 1.0 / Math.Max(total, double.Epsilon);
        Array.Resize(ref outCols, nnz);
        Array.Resize(ref outVals, nnz);
        for (var e = 0; e < nnz; e++)
        {
            outVals[e] *= scale;
        }

        return new SparseAffinities(rowStart, outCols, outVals);
    }

    /// <summary>The same P as a dense row-major N×N matrix (tests and the exact method's check).</summary>
    public double[] ToDense()
    {
        var n = Count;
        var dense = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                dense[i * n + Columns[e]] = Values[e];
            }
        }

        return dense;
    }
}
