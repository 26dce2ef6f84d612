using System.Runtime.CompilerServices;

namespace Gradwire.Kernels;

/// <summary>
/// Cache blocking of <see cref="GemmDriver{T, TKernel}"/> (Goto/BLIS): a <see cref="Kc"/>×<see cref="Nc"/> panel
/// of op(B) is packed once and stays in L2/L3, an <see cref="Mc"/>×<see cref="Kc"/> block of op(A) is packed
/// and stays in L2, and each kc×nr micro-panel of B̃ stays in L1 while the mr-row panels of Ã stream past it.
/// </summary>
/// <param name="Mc">Rows of the packed A block (rounded to the kernel's mr).</param>
/// <param name="Kc">Depth of both packed blocks.</param>
/// <param name="Nc">Columns of the packed B panel (rounded to the kernel's nr).</param>
internal readonly record struct GemmBlocking(int Mc, int Kc, int Nc)
{
    /// <summary>
    /// The defaults for a kernel with tile mr×nr on elements of <paramref name="elementSize"/> bytes, sized for a
    /// 48 KiB L1d and 1 MiB L2 per core (AMD Zen 4/5; Intel server cores are similar).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static GemmBlocking For(int mr, int nr, int elementSize)
    {
        // kc: the kc×nr micro-panel of B̃ uses 32 KiB of L1 (256 steps for 32 floats or 16 doubles), leaving room
        // for the streaming A panel and the C tile.
        var kc = Math.Max(16, 32 * 1024 / (nr * elementSize));
        // mc: the mc×kc block of Ã takes about a third of L2 (the rest holds the B̃ panel being streamed).
        var mc = Math.Max(mr, 384 * 1024 / (kc * elementSize) / mr * mr);
        // nc: the kc×nc panel of B̃ is a few MiB, shared in L3; larger only costs pack-buffer memory.
        var nc = Math.Max(nr, 4 * 1024 * 1024 / (kc * elementSize) / nr * nr);
        return new GemmBlocking(mc, kc, nc);
    }
}
