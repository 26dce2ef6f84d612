using System.Numerics;

namespace Gradwire.Kernels;

/// <summary>A two-input element function as a struct, so a strided row loop inlines it (no per-element call).</summary>
internal interface IMap2<TA, TB, TD>
{
    static abstract TD Invoke(TA a, TB b);
}

/// <summary>A one-input element function as a struct.</summary>
internal interface IMap1<TX, TD>
{
    static abstract TD Invoke(TX x);
}

/// <summary>An associative combine for reductions, with its identity.</summary>
internal interface ICombine<T>
{
    static abstract T Identity { get; }

    static abstract T Invoke(T a, T b);
}

// Comparisons: any numeric element type to bool. NaN compares false except for Ne, as IEEE 754 and PyTorch.
internal readonly struct EqOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a == b; }
internal readonly struct NeOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a != b; }
internal readonly struct BoolEqOp : IMap2<bool, bool, bool> { public static bool Invoke(bool a, bool b) => a == b; }
internal readonly struct LtOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a < b; }
internal readonly struct LeOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a <= b; }
internal readonly struct GtOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a > b; }
internal readonly struct GeOp<T> : IMap2<T, T, bool> where T : INumber<T> { public static bool Invoke(T a, T b) => a >= b; }

// Integer arithmetic (two's complement, wrapping on overflow as PyTorch's int64).
internal readonly struct AddOp<T> : IMap2<T, T, T>, ICombine<T> where T : INumber<T> { public static T Identity => T.Zero; public static T Invoke(T a, T b) => a + b; }
internal readonly struct SubOp<T> : IMap2<T, T, T> where T : INumber<T> { public static T Invoke(T a, T b) => a - b; }
internal readonly struct MulOp<T> : IMap2<T, T, T>, ICombine<T> where T : INumber<T> { public static T Identity => T.One; public static T Invoke(T a, T b) => a * b; }
internal readonly struct MaxOp<T> : IMap2<T, T, T>, ICombine<T> where T : INumber<T>, IMinMaxValue<T> { public static T Identity => T.MinValue; public static T Invoke(T a, T b) => a >= b ? a : b; }
internal readonly struct MinOp<T> : IMap2<T, T, T>, ICombine<T> where T : INumber<T>, IMinMaxValue<T> { public static T Identity => T.MaxValue; public static T Invoke(T a, T b) => a <= b ? a : b; }

/// <summary>Floor division as Python and <c>torch.div(rounding_mode="floor")</c>: rounds toward −∞.</summary>
internal readonly struct FloorDivOp : IMap2<long, long, long>
{
    public static long Invoke(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }
}

/// <summary>Remainder with the divisor's sign, as Python's <c>%</c> and <c>torch.remainder</c>.</summary>
internal readonly struct RemainderOp : IMap2<long, long, long>
{
    public static long Invoke(long a, long b)
    {
        var r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
}

internal readonly struct NegOp : IMap1<long, long> { public static long Invoke(long x) => -x; }
internal readonly struct AbsOp : IMap1<long, long> { public static long Invoke(long x) => x < 0 ? -x : x; }
internal readonly struct SignOp : IMap1<long, long> { public static long Invoke(long x) => x > 0 ? 1 : x < 0 ? -1 : 0; }
internal readonly struct SquareOp : IMap1<long, long> { public static long Invoke(long x) => x * x; }

// Logic on bool.
internal readonly struct AndOp : IMap2<bool, bool, bool>, ICombine<bool> { public static bool Identity => true; public static bool Invoke(bool a, bool b) => a & b; }
internal readonly struct OrOp : IMap2<bool, bool, bool>, ICombine<bool> { public static bool Identity => false; public static bool Invoke(bool a, bool b) => a | b; }
internal readonly struct XorOp : IMap2<bool, bool, bool> { public static bool Invoke(bool a, bool b) => a ^ b; }
internal readonly struct NotOp : IMap1<bool, bool> { public static bool Invoke(bool x) => !x; }
