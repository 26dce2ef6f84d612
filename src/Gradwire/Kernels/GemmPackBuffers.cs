using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gradwire.Kernels;

/// <summary>
/// Per-thread pack buffers for <see cref="GemmDriver{T, TKernel}"/>: pinned (pinned object heap, never moved),
/// 64-byte aligned, grown on demand and then reused, so a GEMM in steady state allocates nothing.
/// </summary>
internal static unsafe class GemmPackBuffers<T>
    where T : unmanaged
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static T[]? packA;

    [ThreadStatic]
    private static T[]? packB;

    /// <summary>This thread's buffer for packed blocks of A, at least <paramref name="length"/> elements.</summary>
    public static T* A(int length) => Rent(ref packA, length);

    /// <summary>This thread's buffer for packed panels of B, at least <paramref name="length"/> elements.</summary>
    public static T* B(int length) => Rent(ref packB, length);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T* Rent(ref T[]? buffer, int length)
    {
        var padded = length + Alignment / sizeof(T);
        if (buffer is null || buffer.Length < padded)
        {
            buffer = GC.AllocateUninitializedArray<T>(padded, pinned: true);
        }

        // Pinned arrays do not move, so the address stays valid for as long as the thread keeps the array.
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((address + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
