using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>
/// A register-tiled micro-kernel: <c>C[0..Mr, 0..Nr] = alpha · Ã·B̃ + beta · C</c>, where Ã is an Mr×kc panel of
/// op(A) packed k-major (Mr values per step of k) and B̃ a kc×Nr panel of op(B) packed k-major (Nr values per
/// step). Implemented by structs so <see cref="GemmDriver{T, TKernel}"/> is specialized per kernel by the JIT.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal unsafe interface IGemmMicroKernel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the C tile (broadcasts of A per step of k).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the C tile (lanes of B per step of k).</summary>
    static abstract int Nr { get; }

    /// <summary>Whether this CPU runs the kernel natively.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// Updates the full Mr×Nr tile at <paramref name="c"/> (row stride <paramref name="ldc"/>). When
    /// <paramref name="beta"/> is 0 the tile is overwritten and never read.
    /// </summary>
    static abstract void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);
}
