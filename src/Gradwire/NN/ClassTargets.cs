using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The one place that reads class-index targets for the class losses (cross-entropy, NLL, multiclass SVM) and
/// validates them: whole numbers (float32/float64 holding whole numbers are accepted, as index tensors are today),
/// each in <c>0..C−1</c> or equal to the ignore index, one per row (<c>[N]</c> for <c>[N, C]</c> inputs, <c>[N, d1, …]</c>
/// for <c>[N, C, d1, …]</c> inputs).
/// </summary>
internal static class ClassTargets
{
    /// <summary>No class is ignored (a value no valid target can take).</summary>
    public const int NoIgnore = int.MinValue;

    /// <summary>
    /// The targets of an input of shape <paramref name="input"/> (class axis 1) as one int per row of the
    /// flattened <c>[N·d1…, C]</c> problem.
    /// </summary>
    /// <exception cref="ArgumentException">The target's shape, dtype or a value is wrong (the message names the op, the shapes and the position).</exception>
    public static int[] Read(string op, Tensor input, Tensor target, int ignoreIndex)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        if (input.Rank < 2)
        {
            throw new ArgumentException($"{op}: input must have shape [batch, classes] or [batch, classes, d1, ...], got {input.Shape}.");
        }

        if (target.DType is not (DType.Int64 or DType.Float32 or DType.Float64))
        {
            throw new ArgumentException(
                $"{op}: class-index targets must be an int64 tensor (PyTorch's target dtype) or whole numbers in a float tensor, got {target.DType.Name()}.");
        }

        var dims = input.ShapeArray;
        var expected = new int[dims.Length - 1];
        expected[0] = dims[0];
        for (var a = 2; a < dims.Length; a++)
        {
            expected[a - 1] = dims[a];
        }

        if (target.Shape != new Shape(expected))
        {
            throw new ArgumentException(
                $"{op}: input {input.Shape} needs class-index targets of shape {new Shape(expected)} (one class per row), got {target.Shape}.");
        }

        var classes = dims[1];
        if (target.DType == DType.Int64)
        {
            return ReadInt64(op, target.ToInt64Array(), classes, ignoreIndex);
        }

        var values = target.ToDoubleArray();
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            var k = (int)v;
            if (k != v)
            {
                throw new ArgumentException($"{op}: target {v} at row {i} is not a whole number (targets are class indices).");
            }

            if (k != ignoreIndex && (uint)k >= (uint)classes)
            {
                throw new ArgumentException(
                    $"{op}: target {k} at row {i} is out of range for {classes} classes (targets must be 0..{classes - 1}" +
                    (ignoreIndex == NoIgnore ? ")." : $" or the ignore index {ignoreIndex})."));
            }

            result[i] = k;
        }

        return result;
    }

    private static int[] ReadInt64(string op, long[] values, int classes, int ignoreIndex)
    {
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var k = values[i];
            if (k != ignoreIndex && (ulong)k >= (ulong)classes)
            {
                throw new ArgumentException(
                    $"{op}: target {k} at row {i} is out of range for {classes} classes (targets must be 0..{classes - 1}" +
                    (ignoreIndex == NoIgnore ? ")." : $" or the ignore index {ignoreIndex})."));
            }

            result[i] = (int)k;
        }

        return result;
    }

    /// <summary>
    /// Class weights as doubles: null, or a [C] tensor in the input's dtype (PyTorch refuses other dtypes too).
    /// </summary>
    public static double[]? Weights(string op, Tensor? weight, Tensor input)
    {
        if (weight is null)
        {
            return null;
        }

        var classes = input.ShapeArray[1];
        if (weight.Shape != new Shape(classes))
        {
            throw new ArgumentException($"{op}: weight must have shape [{classes}] (one per class of input {input.Shape}), got {weight.Shape}.");
        }

        if (weight.DType != input.DType)
        {
            throw new ArgumentException(
                $"{op}: weight is {weight.DType.Name()} but input is {input.DType.Name()}; give the weights in the input's dtype (weight.To({input.DType})).");
        }

        return weight.ToDoubleArray();
    }

    /// <summary>
    /// The input with the class axis last and flattened to <c>[N·d1…, C]</c> (a view chain: gradients flow back
    /// to the original layout). A 2-D input is returned as it is.
    /// </summary>
    public static Tensor Rows(Tensor input)
    {
        if (input.Rank == 2)
        {
            return input;
        }

        var axes = new int[input.Rank];
        axes[0] = 0;
        for (var a = 1; a + 1 < input.Rank; a++)
        {
            axes[a] = a + 1;
        }

        axes[^1] = 1;
        return input.Permute(axes).Reshape(-1, input.ShapeArray[1]);
    }

    /// <summary>The per-row result of a reduction-None class loss in the target's layout (<c>[N, d1, …]</c>).</summary>
    public static Tensor Unrows(Tensor perRow, Tensor input)
    {
        if (input.Rank == 2)
        {
            return perRow;
        }

        var dims = input.ShapeArray;
        var shape = new int[dims.Length - 1];
        shape[0] = dims[0];
        for (var a = 2; a < dims.Length; a++)
        {
            shape[a - 1] = dims[a];
        }

        return perRow.Reshape(shape);
    }

    /// <summary>Σ w[yᵢ] over rows not ignored (the count of kept rows without weights): a class loss's mean denominator.</summary>
    public static double KeptWeight(int[] targets, double[]? weights, int ignoreIndex)
    {
        double total = 0;
        foreach (var y in targets)
        {
            if (y != ignoreIndex)
            {
                total += weights is null ? 1 : weights[y];
            }
        }

        return total;
    }
}
