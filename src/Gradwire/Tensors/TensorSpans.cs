using System.Runtime.CompilerServices;

namespace Gradwire.Tensors;

/// <summary>Typed spans over contiguous tensors for the fused layer, loss and optimizer kernels (no checks: callers check).</summary>
internal static class TensorSpans
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Of<T>(Tensor t)
        where T : unmanaged => new(t.Data<T>(), t.Offset, t.Numel);

    /// <summary><paramref name="t"/> itself when contiguous, else a contiguous temporary in <paramref name="temp"/> (dispose it).</summary>
    public static Tensor Contiguous(Tensor t, out Tensor? temp)
    {
        if (t.IsContiguous)
        {
            temp = null;
            return t;
        }

        temp = t.CopyContiguousTemp();
        return temp;
    }
}
