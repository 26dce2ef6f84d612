using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// <see cref="Functional.Pad"/>: constant padding as a concatenation with constant blocks (negative widths crop
/// with a narrow), the other modes as an index-select along each padded axis; both are differentiable
/// (the gradient of index-select is an index-add, so reflected border gradients fold back onto their sources).
/// </summary>
internal static class PadFunction
{
    public static Tensor Apply(Tensor x, ReadOnlySpan<int> pad, PadMode mode, double value)
    {
        const string op = "pad";
        if (pad.Length % 2 != 0 || pad.Length / 2 > x.Rank)
        {
            throw new ArgumentException(
                $"{op}: pad needs an even number of widths (before, after per axis, last axis first), at most 2 per axis of the input {x.Shape}; got {pad.Length}.");
        }

        if (mode != PadMode.Constant && value != 0)
        {
            throw new ArgumentException($"{op}: a fill value only applies to PadMode.Constant, not {mode}.");
        }

        var y = x;
        for (var a = 0; a < pad.Length / 2; a++)
        {
            var axis = x.Rank - 1 - a;
            var before = pad[2 * a];
            var after = pad[(2 * a) + 1];
            var n = y.Shape[axis];
            if (n + before + after < 0)
            {
                throw new ArgumentException($"{op}: widths ({before}, {after}) on axis {axis} of size {n} leave a negative size.");
            }

            y = mode == PadMode.Constant ? Constant(y, axis, before, after, value) : Indexed(y, axis, before, after, mode);
        }

        return y;
    }

    private static Tensor Constant(Tensor y, int axis, int before, int after, double value)
    {
        if (before < 0)
        {
            y = y.Narrow(axis, -before, y.Shape[axis] + before);
            before = 0;
        }

        if (after < 0)
        {
            y = y.Narrow(axis, 0, y.Shape[axis] + after);
            after = 0;
        }

        if (before == 0 && after == 0)
        {
            return y;
        }

        var parts = new List<Tensor>(3);
        if (before > 0)
        {
            parts.Add(Block(y, axis, before, value));
        }

        parts.Add(y);
        if (after > 0)
        {
            parts.Add(Block(y, axis, after, value));
        }

        return Tensor.Concat(parts.ToArray(), axis);
    }

    private static Tensor Block(Tensor like, int axis, int width, double value)
    {
        var shape = like.Shape.Dims.ToArray();
        shape[axis] = width;
        return Tensor.Full(new Shape(shape), value, like.DType);
    }

    private static Tensor Indexed(Tensor y, int axis, int before, int after, PadMode mode)
    {
        var n = y.Shape[axis];
        if (before < 0 || after < 0)
        {
            throw new ArgumentException($"pad: negative widths ({before}, {after}) are only allowed in PadMode.Constant, not {mode}.");
        }

        var limit = mode switch
        {
            PadMode.Reflect => n - 1,
            PadMode.Circular => n,
            _ => n == 0 ? -1 : int.MaxValue,
        };
        if (before > limit || after > limit)
        {
            throw new ArgumentException(
                $"pad: {mode} widths ({before}, {after}) on axis {axis} must be {(mode == PadMode.Reflect ? "smaller than" : "at most")} its size {n} (input {y.Shape}).");
        }

        var index = new int[before + n + after];
        for (var t = -before; t < n + after; t++)
        {
            index[t + before] = mode switch
            {
                PadMode.Reflect => t < 0 ? -t : t >= n ? (2 * (n - 1)) - t : t,
                PadMode.Replicate => Math.Clamp(t, 0, n - 1),
                _ => ((t % n) + n) % n,
            };
        }

        return y.IndexSelect(axis, index);
    }
}
