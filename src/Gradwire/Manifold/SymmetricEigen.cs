namespace Gradwire.Manifold;

/// <summary>
/// Eigen-decomposition A = V Λ Vᵀ of a small symmetric matrix by cyclic Jacobi rotations (each zeroes one
/// off-diagonal pair; sweeps until the off-diagonal mass is below 1e-15 of the total). Eigenvalues descending,
/// eigenvectors as columns of V, each signed so its largest-magnitude entry is positive.
/// </summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>Eigenvalues (descending) and eigenvectors (row-major n×n, column c is the c-th vector) of <paramref name="a"/>.</summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> a, int n)
    {
        var m = a.ToArray();
        var v = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
        }

        double total = 0;
        foreach (var x in m)
        {
            total += x * x;
        }

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += m[p * n + q] * m[p * n + q];
                }
            }

            if (off <= 1e-30 * total || off == 0)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = m[p * n + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    // The rotation angle that zeroes a_pq (Golub & Van Loan's symmetric Schur step).
                    var tau = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    var t = Math.Sign(tau) / (Math.Abs(tau) + Math.Sqrt(1 + tau * tau));
                    if (tau == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt(1 + t * t);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var mkp = m[k * n + p];
                        var mkq = m[k * n + q];
                        m[k * n + p] = c * mkp - s * mkq;
                        m[k * n + q] = s * mkp + c * mkq;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var mpk = m[p * n + k];
                        var mqk = m[q * n + k];
                        m[p * n + k] = c * mpk - s * mqk;
                        m[q * n + k] = s * mpk + c * mqk;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k * n + p];
                        var vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        var order = new int[n];
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            values[i] = m[i * n + i];
        }

        Array.Sort(order, (x, y) => values[y].CompareTo(values[x]) != 0 ? values[y].CompareTo(values[x]) : x.CompareTo(y));
        var sortedValues = new double[n];
        var vectors = new double[n * n];
        for (var c = 0; c < n; c++)
        {
            sortedValues[c] = values[order[c]];
            var sign = SignOfLargest(v, n, order[c]);
            for (var r = 0; r < n; r++)
            {
                vectors[r * n + c] = sign * v[r * n + order[c]];
            }
        }

        return (sortedValues, vectors);
    }

    /// <summary>+1 or −1: the sign of column <paramref name="col"/>'s largest-magnitude entry (the first on a tie).</summary>
    internal static double SignOfLargest(ReadOnlySpan<double> matrix, int n, int col)
    {
        var best = 0.0;
        for (var r = 0; r < matrix.Length / n; r++)
        {
            var x = matrix[r * n + col];
            if (Math.Abs(x) > Math.Abs(best))
            {
                best = x;
            }
        }

        return best < 0 ? -1 : 1;
    }
}
