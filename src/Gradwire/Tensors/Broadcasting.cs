namespace Gradwire.Tensors;

/// <summary>
/// NumPy broadcasting: shapes are aligned at their last axis; on each axis the sizes must be equal or one of
/// them 1 (that operand is repeated, with stride 0, never copied).
/// </summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, or an error naming the op and both shapes.</summary>
    public static int[] Shape(string op, int[] a, int[] b)
    {
        var result = Align(op, a, b);
        if (!ReferenceEquals(result, a))
        {
            _ = Tensors.Shape.CheckedNumel(op, result);
        }

        return result;
    }

    /// <summary>
    /// The broadcast shape without the element-count check (matmul broadcasts only its batch axes and checks the
    /// whole result itself).
    /// </summary>
    public static int[] Align(string op, int[] a, int[] b)
    {
        if (a.AsSpan().SequenceEqual(b))
        {
            return a;
        }

        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {Tensors.Shape.Format(a)} and {Tensors.Shape.Format(b)} cannot be broadcast: " +
                    $"aligned from the right, axis {i} has sizes {da} and {db} (they must be equal, or one of them 1). " +
                    "Reshape or Unsqueeze one operand so that its axes line up.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Whether <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool CanBroadcastTo(int[] from, int[] to)
    {
        if (from.Length > to.Length)
        {
            return false;
        }

        for (var i = 0; i < from.Length; i++)
        {
            var f = from[i];
            var t = to[to.Length - from.Length + i];
            if (f != t && f != 1)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="t"/>'s strides aligned to <paramref name="rank"/> axes: 0 on new leading axes and on
    /// axes of size 1 (which broadcast).
    /// </summary>
    public static void StridesInto(Tensor t, int rank, Span<int> strides)
    {
        var shape = t.ShapeArray;
        var st = t.StridesArray;
        var lead = rank - shape.Length;
        strides[..lead].Clear();
        for (var i = 0; i < shape.Length; i++)
        {
            strides[lead + i] = shape[i] == 1 ? 0 : st[i];
        }
    }

    /// <summary>
    /// The strides of a reduction over <paramref name="x"/> into a contiguous result of <paramref name="keepShape"/>
    /// (x's shape with the reduced axes set to 1): x's strides in the first half of <paramref name="strides"/>, the
    /// result's (0 on reduced axes, so every element of a reduced run lands on one output) in the second half.
    /// </summary>
    public static void ReductionStridesInto(Tensor x, int[] keepShape, Span<int> strides)
    {
        var rank = x.Rank;
        StridesInto(x, rank, strides[..rank]);
        var outStrides = strides.Slice(rank, rank);
        var step = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            outStrides[i] = keepShape[i] == 1 ? 0 : step;
            step *= keepShape[i];
        }
    }
}
