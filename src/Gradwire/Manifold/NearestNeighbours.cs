using System.Numerics;
using Gradwire.Kernels;

namespace Gradwire.Manifold;

/// <summary>
/// Exact k nearest neighbours (Euclidean) of every row of a row-major N×D matrix among the others, by blocks
/// of rows: d²_ij = ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j with the dot products from one GEMM per block, a bounded
/// max-heap per row, then each chosen neighbour's d² recomputed directly (the GEMM form cancels digits).
/// Neighbours come sorted by (d², index); each block runs on one thread with a single-threaded GEMM, so the
/// answer does not depend on the thread count. Its naive twin is <see cref="Naive"/>.
/// </summary>
internal static class NearestNeighbours
{
    private const int BlockRows = 64;

    /// <summary>Indices (N×k) and squared distances (N×k) of each row's k nearest other rows.</summary>
    public static (int[] Indices, double[] SquaredDistances) Find(ReadOnlySpan<double> x, int n, int d, int k, int threads)
    {
        var data = x.ToArray();
        var norms = new double[n];
        for (var i = 0; i < n; i++)
        {
            norms[i] = Dot(data.AsSpan(i * d, d), data.AsSpan(i * d, d));
        }

        var indices = new int[n * k];
        var distances = new double[n * k];
        var blocks = (n + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, () => new double[BlockRows * n], (block, _, gram) =>
        {
            var first = block * BlockRows;
            var rows = Math.Min(BlockRows, n - first);
            Gemm.Multiply(false, true, rows, n, d, 1.0, data.AsSpan(first * d, rows * d), d, data, d, 0.0, gram, n, maxThreads: 1);
            var heapIdx = new int[k];
            var heapDist = new double[k];
            for (var r = 0; r < rows; r++)
            {
                var i = first + r;
                var row = gram.AsSpan(r * n, n);
                var size = 0;
                for (var j = 0; j < n; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    var dist = Math.Max(norms[i] + norms[j] - 2 * row[j], 0);
                    if (size < k)
                    {
                        HeapPush(heapDist, heapIdx, size++, dist, j);
                    }
                    else if (Less(dist, j, heapDist[0], heapIdx[0]))
                    {
                        HeapReplaceTop(heapDist, heapIdx, k, dist, j);
                    }
                }

                var outIdx = indices.AsSpan(i * k, k);
                var outDist = distances.AsSpan(i * k, k);
                for (var t = 0; t < k; t++)
                {
                    outIdx[t] = heapIdx[t];
                    outDist[t] = SquaredDistance(data.AsSpan(i * d, d), data.AsSpan(heapIdx[t] * d, d));
                }

                SortByDistance(outDist, outIdx);
            }

            return gram;
        }, _ => { });
        return (indices, distances);
    }

    /// <summary>The naive twin: every pair's d² summed directly, a full sort per row.</summary>
    public static (int[] Indices, double[] SquaredDistances) Naive(ReadOnlySpan<double> x, int n, int d, int k)
    {
        var indices = new int[n * k];
        var distances = new double[n * k];
        var rowIdx = new int[n - 1];
        var rowDist = new double[n - 1];
        for (var i = 0; i < n; i++)
        {
            var m = 0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    rowIdx[m] = j;
                    rowDist[m++] = SquaredDistance(x.Slice(i * d, d), x.Slice(j * d, d));
                }
            }

            SortByDistance(rowDist, rowIdx);
            rowIdx.AsSpan(0, k).CopyTo(indices.AsSpan(i * k, k));
            rowDist.AsSpan(0, k).CopyTo(distances.AsSpan(i * k, k));
        }

        return (indices, distances);
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var lanes = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        var t = 0;
        for (; t <= a.Length - lanes; t += lanes)
        {
            var diff = new Vector<double>(a[t..]) - new Vector<double>(b[t..]);
            acc += diff * diff;
        }

        var s = Vector.Sum(acc);
        for (; t < a.Length; t++)
        {
            var diff1 = a[t] - b[t];
            s += diff1 * diff1;
        }

        return s;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (var t = 0; t < a.Length; t++)
        {
            s += a[t] * b[t];
        }

        return s;
    }

    // (d, index) order: ties go to the smaller index, so the answer is a function of the data alone.
    private static bool Less(double d1, int i1, double d2, int i2) => d1 < d2 || (d1 == d2 && i1 < i2);

    private static void SortByDistance(Span<double> dist, Span<int> idx)
    {
        // Insertion sort: k is ~90, and the (d, index) order must be total.
        for (var a = 1; a < dist.Length; a++)
        {
            var dv = dist[a];
            var iv = idx[a];
            var b = a - 1;
            while (b >= 0 && Less(dv, iv, dist[b], idx[b]))
            {
                dist[b + 1] = dist[b];
                idx[b + 1] = idx[b];
                b--;
            }

            dist[b + 1] = dv;
            idx[b + 1] = iv;
        }
    }

    private static void HeapPush(Span<double> dist, Span<int> idx, int size, double d, int j)
    {
        var c = size;
        while (c > 0)
        {
            var parent = (c - 1) / 2;
            if (!Less(dist[parent], idx[parent], d, j))
            {
                break;
            }

            dist[c] = dist[parent];
            idx[c] = idx[parent];
            c = parent;
        }

        dist[c] = d;
        idx[c] = j;
    }

    private static void HeapReplaceTop(Span<double> dist, Span<int> idx, int size, double d, int j)
    {
        var c = 0;
        while (true)
        {
            var left = 2 * c + 1;
            if (left >= size)
            {
                break;
            }

            var larger = left;
            var right = left + 1;
            if (right < size && Less(dist[left], idx[left], dist[right], idx[right]))
            {
                larger = right;
            }

            if (!Less(d, j, dist[larger], idx[larger]))
            {
                break;
            }

            dist[c] = dist[larger];
            idx[c] = idx[larger];
            c = larger;
        }

        dist[c] = d;
        idx[c] = j;
    }
}
