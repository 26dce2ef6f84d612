using System.Numerics;
using System.Runtime.InteropServices;

namespace Gradwire.Kernels;

/// <summary>
/// Element type conversion on contiguous spans of equal length, with PyTorch's rules: float → int64
/// truncates toward zero (NaN becomes 0, out-of-range values saturate), anything → bool is <c>x ≠ 0</c>,
/// bool → number is 1 or 0. The type tests below are JIT constants, so each instantiation is one loop.
/// </summary>
internal static class ConvertKernels
{
    /// <summary><c>d[i] = (TTo)x[i]</c>.</summary>
    public static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> x, Span<TTo> d)
        where TFrom : unmanaged
        where TTo : unmanaged
    {
        if (typeof(TFrom) == typeof(TTo))
        {
            MemoryMarshal.Cast<TFrom, TTo>(x).CopyTo(d);
        }
        else if (typeof(TFrom) == typeof(float) && typeof(TTo) == typeof(double))
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked(MemoryMarshal.Cast<TFrom, float>(x), MemoryMarshal.Cast<TTo, double>(d));
        }
        else if (typeof(TFrom) == typeof(double) && typeof(TTo) == typeof(float))
        {
            System.Numerics.Tensors.TensorPrimitives.ConvertChecked(MemoryMarshal.Cast<TFrom, double>(x), MemoryMarshal.Cast<TTo, float>(d));
        }
        else if (typeof(TTo) == typeof(bool))
        {
            var db = MemoryMarshal.Cast<TTo, bool>(d);
            if (typeof(TFrom) == typeof(float)) NonZero(MemoryMarshal.Cast<TFrom, float>(x), db);
            else if (typeof(TFrom) == typeof(double)) NonZero(MemoryMarshal.Cast<TFrom, double>(x), db);
            else NonZero(MemoryMarshal.Cast<TFrom, long>(x), db);
        }
        else if (typeof(TFrom) == typeof(bool))
        {
            var xb = MemoryMarshal.Cast<TFrom, bool>(x);
            if (typeof(TTo) == typeof(float)) FromBool(xb, MemoryMarshal.Cast<TTo, float>(d));
            else if (typeof(TTo) == typeof(double)) FromBool(xb, MemoryMarshal.Cast<TTo, double>(d));
            else FromBool(xb, MemoryMarshal.Cast<TTo, long>(d));
        }
        else if (typeof(TTo) == typeof(long))
        {
            var dl = MemoryMarshal.Cast<TTo, long>(d);
            if (typeof(TFrom) == typeof(float)) Truncate(MemoryMarshal.Cast<TFrom, float>(x), dl);
            else Truncate(MemoryMarshal.Cast<TFrom, double>(x), dl);
        }
        else
        {
            var xl = MemoryMarshal.Cast<TFrom, long>(x);
            if (typeof(TTo) == typeof(float)) FromLong(xl, MemoryMarshal.Cast<TTo, float>(d));
            else FromLong(xl, MemoryMarshal.Cast<TTo, double>(d));
        }
    }

    private static void NonZero<T>(ReadOnlySpan<T> x, Span<bool> d)
        where T : unmanaged, INumberBase<T>
    {
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = !T.IsZero(x[i]);
        }
    }

    private static void FromBool<T>(ReadOnlySpan<bool> x, Span<T> d)
        where T : unmanaged, INumberBase<T>
    {
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = x[i] ? T.One : T.Zero;
        }
    }

    private static void Truncate<T>(ReadOnlySpan<T> x, Span<long> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < d.Length; i++)
        {
            // CreateSaturating truncates toward zero, maps NaN to 0 and clamps to the long range.
            d[i] = long.CreateSaturating(x[i]);
        }
    }

    private static void FromLong<T>(ReadOnlySpan<long> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < d.Length; i++)
        {
            d[i] = T.CreateTruncating(x[i]);
        }
    }
}
