using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>Products and norms over all elements or one axis: <c>prod</c> and the vector norms p = 1, 2, ∞.</summary>
internal static class ProductFunctions
{
    /// <summary>Π x over all elements (<paramref name="axis"/> null) or over one axis.</summary>
    public static Tensor Prod(Tensor x, int? axis, bool keepDim)
    {
        var a = axis is { } given ? Shape.NormalizeAxis("prod", given, x.Rank) : -1;
        var (rows, n, values) = RowsAlong(x, a);
        var result = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var p = 1.0;
            for (var j = 0; j < n; j++)
            {
                p *= values[r * n + j];
            }

            result[r] = p;
        }

        var y = FromRows(result, ReducedShape(x.ShapeArray, a, keepDim), x.DType);
        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new FunctionNode("prod", [x], [x, y], (g, saved, _, grads) =>
                grads[0] = ProdBackward(g, saved[0], saved[1], a, keepDim)));
        }

        return y;
    }

    /// <summary>
    /// ∂Π/∂xᵢ = Π_{j≠i} xⱼ. Without zeros that is y/xᵢ. With zeros (as PyTorch: one zero gets the product of
    /// the others, everything else 0; two or more zeros, all 0) it is the product of the others, computed by
    /// prefix and suffix products, or, when a graph is built, as a product over a copy with xᵢ set to 1.
    /// </summary>
    private static Tensor ProdBackward(Tensor g, Tensor x, Tensor y, int axis, bool keepDim)
    {
        if (axis >= 0 && !keepDim)
        {
            g = g.Unsqueeze(axis);
            y = y.Unsqueeze(axis);
        }

        var hasZero = false;
        foreach (var v in x.ToDoubleArray())
        {
            hasZero |= v == 0;
        }

        if (!hasZero)
        {
            return g * y / x;
        }

        return g * ProductOfOthers(x, axis);
    }

    /// <summary>Π_{j≠i} xⱼ along <paramref name="axis"/> (all elements when −1), with x's shape.</summary>
    private static Tensor ProductOfOthers(Tensor x, int axis)
    {
        if (GradMode.Enabled && x.RequiresGrad)
        {
            // Differentiable form: n copies of the row with the i-th entry replaced by 1, multiplied out.
            var flat = axis < 0 ? x.Reshape(x.Numel) : x;
            var at = axis < 0 ? 0 : axis;
            var n = flat.ShapeArray[at];
            var expandedShape = new int[flat.Rank + 1];
            for (int i = 0, k = 0; i < expandedShape.Length; i++)
            {
                expandedShape[i] = i == at ? n : flat.ShapeArray[k++];
            }

            var copies = flat.Unsqueeze(at).Expand(expandedShape); // [..., n (i), n (j), ...]
            var eyeShape = new int[expandedShape.Length];
            Array.Fill(eyeShape, 1);
            eyeShape[at] = n;
            eyeShape[at + 1] = n;
            var eye = Tensor.Eye(n, n, DType.Bool).Reshape(eyeShape);
            var others = Tensor.Where(eye, Tensor.Scalar(1, x.DType), copies).Prod(at + 1);
            return axis < 0 ? others.Reshape(x.ShapeArray) : others;
        }

        var (rows, len, values) = RowsAlong(x, axis);
        var result = new double[values.Length];
        for (var r = 0; r < rows; r++)
        {
            var prefix = 1.0;
            for (var j = 0; j < len; j++)
            {
                result[r * len + j] = prefix;
                prefix *= values[r * len + j];
            }

            var suffix = 1.0;
            for (var j = len - 1; j >= 0; j--)
            {
                result[r * len + j] *= suffix;
                suffix *= values[r * len + j];
            }
        }

        return UnRows(result, x, axis);
    }

    /// <summary>
    /// The vector p-norm (p = 1, 2 or ∞) over all elements or one axis. Its gradient at a zero vector is 0,
    /// as PyTorch's, not the 0·∞ of the textbook formula.
    /// </summary>
    public static Tensor Norm(Tensor x, double p, int? axis, bool keepDim)
    {
        var a = axis is { } given ? Shape.NormalizeAxis("norm", given, x.Rank) : -1;
        ReadOnlySpan<int> axes = a < 0 ? [] : [a];
        if (p == 1)
        {
            return x.Abs().Sum(axes, keepDim);
        }

        if (double.IsPositiveInfinity(p))
        {
            if (x.Numel == 0)
            {
                throw new ArgumentException($"norm: the ∞-norm of an empty tensor (shape {x.Shape}) is undefined.");
            }

            return x.Abs().Max(axes, keepDim);
        }

        if (p != 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(p), p, "norm: p must be 1, 2 or double.PositiveInfinity (the max norm).");
        }

        Tensor y;
        using (Tensor.NoGrad())
        {
            y = x.Square().Sum(axes, keepDim).Sqrt();
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new FunctionNode("norm", [x], [x, y], (g, saved, _, grads) =>
            {
                var (xs, n) = (saved[0], saved[1]);
                if (a >= 0 && !keepDim)
                {
                    g = g.Unsqueeze(a);
                    n = n.Unsqueeze(a);
                }

                // NOTE: ∂‖x‖/∂x = x/‖x‖, defined as 0 where ‖x‖ = 0 (PyTorch's mask); the divisor there is 1,
                // so the branch not taken stays finite under createGraph.
                var zero = n.Eq(0);
                var safe = Tensor.Where(zero, Tensor.Scalar(1, n.DType), n);
                grads[0] = Tensor.Where(zero, Tensor.Scalar(0, xs.DType), g * xs / safe);
            }));
        }

        return y;
    }

    /// <summary>x's values as rows along <paramref name="axis"/> (one row of everything when −1).</summary>
    private static (int Rows, int Length, double[] Values) RowsAlong(Tensor x, int axis)
    {
        using var noGrad = Tensor.NoGrad();
        if (axis < 0)
        {
            return (1, x.Numel, x.ToDoubleArray());
        }

        var n = x.ShapeArray[axis];
        var moved = x.Permute(LastPermutation(x.Rank, axis));
        return (n == 0 ? x.Numel : x.Numel / n, n, moved.ToDoubleArray());
    }

    /// <summary>The inverse of <see cref="RowsAlong"/>: values laid out as rows back in x's shape.</summary>
    private static Tensor UnRows(double[] values, Tensor x, int axis)
    {
        if (axis < 0)
        {
            return FromRows(values, x.ShapeArray, x.DType);
        }

        var perm = LastPermutation(x.Rank, axis);
        var movedShape = new int[x.Rank];
        var inverse = new int[x.Rank];
        for (var i = 0; i < perm.Length; i++)
        {
            movedShape[i] = x.ShapeArray[perm[i]];
            inverse[perm[i]] = i;
        }

        return FromRows(values, movedShape, x.DType).Permute(inverse).Contiguous();
    }

    /// <summary>Every axis in order except <paramref name="axis"/>, then <paramref name="axis"/>.</summary>
    private static int[] LastPermutation(int rank, int axis)
    {
        var perm = new int[rank];
        for (int i = 0, k = 0; i < rank; i++)
        {
            if (i != axis)
            {
                perm[k++] = i;
            }
        }

        perm[rank - 1] = axis;
        return perm;
    }

    private static int[] ReducedShape(int[] shape, int axis, bool keepDim)
    {
        if (axis < 0)
        {
            if (!keepDim)
            {
                return [];
            }

            var ones = new int[shape.Length];
            Array.Fill(ones, 1);
            return ones;
        }

        var result = new List<int>(shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            if (i != axis)
            {
                result.Add(shape[i]);
            }
            else if (keepDim)
            {
                result.Add(1);
            }
        }

        return [.. result];
    }

    private static Tensor FromRows(double[] values, int[] shape, DType dtype)
    {
        var t = Tensor.FromArray(values, Shape.Create(shape));
        return dtype == DType.Float64 ? t : t.To(dtype);
    }
}
