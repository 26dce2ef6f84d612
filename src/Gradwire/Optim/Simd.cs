using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gradwire.Optim;

/// <summary>Loads and stores of <see cref="Vector{T}"/> at an element offset, for the optimizers' fused loops.</summary>
internal static class Simd
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Load<T>(ReadOnlySpan<T> span, int i) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(span), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T>(Vector<T> value, Span<T> span, int i) =>
        value.StoreUnsafe(ref MemoryMarshal.GetReference(span), (nuint)i);

    /// <summary>Where the vector loop stops; the scalar tail covers the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VectorEnd<T>(int length) => Vector.IsHardwareAccelerated ? length - length % Vector<T>.Count : 0;
}
