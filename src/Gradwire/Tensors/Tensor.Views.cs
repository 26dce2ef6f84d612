using Gradwire.Autograd;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The same elements with a new shape (one size may be -1: inferred). A view when the tensor is contiguous,
    /// else a copy.
    /// </summary>
    public Tensor Reshape(params ReadOnlySpan<int> shape) => ViewFunctions.Reshape(this, InferShape("reshape", shape));

    /// <summary>Like <see cref="Reshape"/> but never copies: throws when the tensor is not contiguous.</summary>
    public Tensor View(params ReadOnlySpan<int> shape)
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException(
                $"view: the tensor (shape {Shape}, strides {Shape.Format(StridesArray)}) is not contiguous; call Contiguous() first, or use Reshape.");
        }

        return ViewFunctions.Reshape(this, InferShape("view", shape));
    }

    /// <summary>Merges axes <paramref name="startAxis"/>..<paramref name="endAxis"/> into one.</summary>
    public Tensor Flatten(int startAxis = 0, int endAxis = -1)
    {
        if (Rank == 0)
        {
            return Reshape(1);
        }

        var s = Shape.NormalizeAxis("flatten", startAxis, Rank);
        var e = Shape.NormalizeAxis("flatten", endAxis, Rank);
        if (s > e)
        {
            throw new ArgumentException($"flatten: start axis {startAxis} comes after end axis {endAxis}.");
        }

        var shape = new int[Rank - (e - s)];
        var merged = 1;
        for (var i = s; i <= e; i++)
        {
            merged *= ShapeArray[i];
        }

        for (int i = 0, j = 0; i < Rank; i++)
        {
            if (i < s || i > e)
            {
                shape[j++] = ShapeArray[i];
            }
            else if (i == s)
            {
                shape[j++] = merged;
            }
        }

        return ViewFunctions.Reshape(this, shape);
    }

    /// <summary>Swaps two axes (a view).</summary>
    public Tensor Transpose(int axis0, int axis1) => Transpose(axis0, axis1, record: true);

    /// <summary>The matrix transpose: swaps the last two axes (a view). Needs rank ≥ 2.</summary>
    public Tensor MT
    {
        get
        {
            if (Rank < 2)
            {
                throw new InvalidOperationException($"MT: the tensor has shape {Shape}; a matrix transpose needs at least 2 axes.");
            }

            return Transpose(-2, -1);
        }
    }

    /// <summary>Reorders the axes: axis i of the result is axis <c>axes[i]</c> of this tensor (a view).</summary>
    public Tensor Permute(params ReadOnlySpan<int> axes)
    {
        if (axes.Length != Rank)
        {
            throw new ArgumentException($"permute: {axes.Length} axes given for a tensor of rank {Rank} (shape {Shape}).");
        }

        var perm = new int[Rank];
        Span<bool> seen = stackalloc bool[Math.Max(Rank, 1)];
        seen.Clear();
        for (var i = 0; i < Rank; i++)
        {
            var a = Shape.NormalizeAxis("permute", axes[i], Rank);
            if (seen[a])
            {
                throw new ArgumentException($"permute: axis {axes[i]} appears twice in {Shape.Format(axes)}.");
            }

            seen[a] = true;
            perm[i] = a;
        }

        return ViewFunctions.Permute(this, perm);
    }

    /// <summary>
    /// Elements <c>start, start + step, ...</c> before <paramref name="end"/> along <paramref name="axis"/>
    /// (Python slice rules: negative positions count from the end; out-of-range ends are clamped). A view.
    /// </summary>
    public Tensor Slice(int axis, int start, int end, int step = 1)
    {
        var a = Shape.NormalizeAxis("slice", axis, Rank);
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"slice: step must be positive, not {step}.");
        }

        var size = ShapeArray[a];
        start = Math.Clamp(start < 0 ? start + size : start, 0, size);
        end = Math.Clamp(end < 0 ? end + size : end, 0, size);
        var length = end > start ? (end - start + step - 1) / step : 0;
        return ViewFunctions.Slice(this, a, start, length, step);
    }

    /// <summary><paramref name="length"/> elements from <paramref name="start"/> along <paramref name="axis"/> (a view); out of range is an error.</summary>
    public Tensor Narrow(int axis, int start, int length)
    {
        var a = Shape.NormalizeAxis("narrow", axis, Rank);
        var size = ShapeArray[a];
        if (start < 0)
        {
            start += size;
        }

        if (start < 0 || length < 0 || (long)start + length > size)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start), $"narrow: start {start} and length {length} do not fit axis {a} of size {size} (shape {Shape}).");
        }

        return ViewFunctions.Slice(this, a, start, length, 1);
    }

    /// <summary>The slice at <paramref name="index"/> of <paramref name="axis"/>, with that axis removed (a view).</summary>
    public Tensor Select(int axis, int index)
    {
        var a = Shape.NormalizeAxis("select", axis, Rank);
        var size = ShapeArray[a];
        var i = index < 0 ? index + size : index;
        if ((uint)i >= (uint)size)
        {
            throw new ArgumentOutOfRangeException(
                nameof(index), $"select: index {index} is out of range for axis {a} of size {size} (shape {Shape}).");
        }

        return Narrow(a, i, 1).Squeeze(a);
    }

    /// <summary>Repeats axes of size 1 (and adds leading axes) to reach <paramref name="shape"/>, without copying; -1 keeps a size.</summary>
    public Tensor Expand(params ReadOnlySpan<int> shape)
    {
        var target = shape.ToArray();
        var lead = target.Length - Rank;
        var ok = lead >= 0;
        for (var i = 0; ok && i < target.Length; i++)
        {
            if (i >= lead && target[i] == -1)
            {
                target[i] = ShapeArray[i - lead];
            }

            ok = target[i] >= 0 && (i < lead || ShapeArray[i - lead] == target[i] || ShapeArray[i - lead] == 1);
        }

        if (!ok)
        {
            throw new ArgumentException(
                $"expand: cannot expand shape {Shape} to {Shape.Format(shape)}: only axes of size 1 can grow, and new axes go in front.");
        }

        if (!Shape.Fits(target))
        {
            _ = Shape.CheckedNumel($"expand {Shape} to", target);
        }

        return target.AsSpan().SequenceEqual(ShapeArray) ? this : ViewFunctions.Expand(this, target);
    }

    /// <summary>Expands to <paramref name="other"/>'s shape.</summary>
    public Tensor ExpandAs(Tensor other) => Expand(other.ShapeArray);

    /// <summary>Removes every axis of size 1 (a view).</summary>
    public Tensor Squeeze()
    {
        var keep = 0;
        foreach (var d in ShapeArray)
        {
            keep += d == 1 ? 0 : 1;
        }

        if (keep == Rank)
        {
            return this;
        }

        var shape = new int[keep];
        var strides = new int[keep];
        for (int i = 0, j = 0; i < Rank; i++)
        {
            if (ShapeArray[i] != 1)
            {
                shape[j] = ShapeArray[i];
                strides[j++] = StridesArray[i];
            }
        }

        return ViewFunctions.Restride(this, shape, strides, Offset);
    }

    /// <summary>Removes <paramref name="axis"/>, which must have size 1 (a view).</summary>
    public Tensor Squeeze(int axis)
    {
        var a = Shape.NormalizeAxis("squeeze", axis, Rank);
        if (ShapeArray[a] != 1)
        {
            throw new ArgumentException($"squeeze: axis {axis} has size {ShapeArray[a]}, not 1 (shape {Shape}).");
        }

        var shape = new int[Rank - 1];
        var strides = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++)
        {
            if (i != a)
            {
                shape[j] = ShapeArray[i];
                strides[j++] = StridesArray[i];
            }
        }

        return ViewFunctions.Restride(this, shape, strides, Offset);
    }

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/> (0..rank; negative counts from the end) (a view).</summary>
    public Tensor Unsqueeze(int axis)
    {
        var a = Shape.NormalizeAxis("unsqueeze", axis, Rank + 1);
        var shape = new int[Rank + 1];
        var strides = new int[Rank + 1];
        for (int i = 0, j = 0; i <= Rank; i++)
        {
            if (i == a)
            {
                shape[i] = 1;
                strides[i] = a < Rank ? StridesArray[a] * ShapeArray[a] : 1;
            }
            else
            {
                shape[i] = ShapeArray[j];
                strides[i] = StridesArray[j++];
            }
        }

        return ViewFunctions.Restride(this, shape, strides, Offset);
    }

    /// <summary>This tensor if it is contiguous, else a contiguous copy (gradients pass through).</summary>
    public Tensor Contiguous() => IsContiguous ? this : ViewFunctions.Copy(this, "contiguous");

    /// <summary>A contiguous copy with its own storage (gradients pass through).</summary>
    public Tensor Clone() => ViewFunctions.Copy(this, "clone");

    /// <summary>This tensor converted to <paramref name="dtype"/> (itself when it already is).</summary>
    public Tensor To(DType dtype) => To(dtype, record: true);

    internal Tensor To(DType dtype, bool record) => dtype == DType ? this : ViewFunctions.Cast(this, dtype, record);

    /// <summary>
    /// This tensor on <paramref name="device"/> (itself when it is there already). Only <see cref="Device.Cpu"/>
    /// has a backend today; moving to another device throws naming it. Gradients pass through a move.
    /// </summary>
    public Tensor To(Device device)
    {
        if (device == Device)
        {
            return this;
        }

        if (!device.IsCpu)
        {
            throw new NotSupportedException($"to: no backend for device {device} (Gradwire has the CPU backend only); keep the tensor on Device.Cpu.");
        }

        // From a device whose buffer the host can read (the test device): copy into a CPU storage.
        var y = Empty(ShapeArray, DType);
        var host = new Tensor(Storage, ShapeArray, StridesArray, Offset, register: false);
        host.CopyToHostUnchecked(y);
        return y;
    }

    internal Tensor Transpose(int axis0, int axis1, bool record)
    {
        var a = Shape.NormalizeAxis("transpose", axis0, Rank);
        var b = Shape.NormalizeAxis("transpose", axis1, Rank);
        var perm = new int[Rank];
        for (var i = 0; i < Rank; i++)
        {
            perm[i] = i;
        }

        perm[a] = b;
        perm[b] = a;
        return ViewFunctions.Permute(this, perm, record);
    }

    /// <summary>A view with <paramref name="axis"/> moved last and the others in order (no node).</summary>
    internal Tensor MoveAxisToEnd(int axis)
    {
        var perm = new int[Rank];
        for (int i = 0, j = 0; i < Rank; i++)
        {
            if (i != axis)
            {
                perm[j++] = i;
            }
        }

        perm[^1] = axis;
        return ViewFunctions.Permute(this, perm, record: false);
    }

    private int[] InferShape(string op, ReadOnlySpan<int> shape)
    {
        var result = shape.ToArray();
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"{op}: only one size may be -1 in {Shape.Format(shape)}.");
                }

                inferred = i;
            }
            else if (result[i] < 0)
            {
                throw new ArgumentException($"{op}: size {result[i]} in {Shape.Format(shape)} is negative.");
            }
            else
            {
                known = Math.Min(known * result[i], (long)int.MaxValue + 1); // saturates: a huge shape never wraps to match
            }
        }

        if (inferred >= 0)
        {
            if (known == 0 || Numel % known != 0)
            {
                throw new ArgumentException($"{op}: cannot reshape {Shape} ({Numel} elements) to {Shape.Format(shape)}.");
            }

            result[inferred] = (int)(Numel / known);
        }
        else if (known != Numel)
        {
            throw new ArgumentException(
                $"{op}: cannot reshape {Shape} ({Numel} elements) to {Shape.Format(shape)} ({Shape.DescribeCount(shape)} elements).");
        }

        return result;
    }
}
