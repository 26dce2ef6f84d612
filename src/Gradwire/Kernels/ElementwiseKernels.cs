using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Kernels;

/// <summary>
/// Element-wise kernels. Contiguous operands go straight to <see cref="TensorPrimitives"/> (SIMD), split
/// across cores when large; broadcast and strided operands are walked row by row with
/// <see cref="StridedLoop"/>, so a bias row or a transposed view is never copied whole. The naive twin is
/// <see cref="ElementwiseReference"/>.
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary><c>d = op(x)</c> on contiguous spans of equal length.</summary>
    public static void Unary<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, d); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, d); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, d); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, d); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, d); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, d); break;
            case UnaryOp.Tan: TensorPrimitives.Tan(x, d); break;
            case UnaryOp.Asin: TensorPrimitives.Asin(x, d); break;
            case UnaryOp.Acos: TensorPrimitives.Acos(x, d); break;
            case UnaryOp.Atan: TensorPrimitives.Atan(x, d); break;
            case UnaryOp.Sinh: TensorPrimitives.Sinh(x, d); FixNearZero(op, x, d); break;
            case UnaryOp.Cosh: TensorPrimitives.Cosh(x, d); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, d); FixNearZero(op, x, d); break;
            case UnaryOp.Asinh: TensorPrimitives.Asinh(x, d); break;
            case UnaryOp.Acosh: TensorPrimitives.Acosh(x, d); break;
            case UnaryOp.Atanh: TensorPrimitives.Atanh(x, d); break;
            case UnaryOp.Sigmoid: TensorPrimitives.Sigmoid(x, d); break;
            case UnaryOp.Relu: TensorPrimitives.Max(x, T.Zero, d); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, d); break;
            case UnaryOp.Square: TensorPrimitives.Multiply(x, x, d); break;
            case UnaryOp.Reciprocal: TensorPrimitives.Divide(T.One, x, d); break;
            default:
                // log1p, expm1, erf, erfc, erfinv: scalar by design (accurate algorithms with branches; SpecialFunctions).
                for (var i = 0; i < x.Length; i++)
                {
                    d[i] = ElementwiseReference.Unary(op, x[i]);
                }

                break;
        }
    }

    /// <summary>
    /// Recomputes sinh and tanh where |x| &lt; 1e-3 with the scalar functions.
    /// </summary>
    /// <remarks>
    /// NOTE: TensorPrimitives computes them from eˣ (e.g. (e²ˣ − 1)/(e²ˣ + 1)), which cancels near 0: at
    /// x = 1e-8 the relative error is 1e-8, and sinh(1e-300) comes out 0. Below 1e-3 the scalar functions
    /// (series there) are exact; above it the cancellation costs less than 1e-13 relative. The comparison pass
    /// is cheap next to the transcendental, and the scalar path only runs for the few tiny elements.
    /// </remarks>
    private static void FixNearZero<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (System.Runtime.CompilerServices.Unsafe.AreSame(
                ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d)))
        {
            return; // in place: x is gone (no caller does this; outputs are fresh tensors)
        }

        var limit = T.CreateTruncating(1e-3);
        for (var i = 0; i < x.Length; i++)
        {
            if (T.Abs(x[i]) < limit)
            {
                d[i] = op == UnaryOp.Sinh ? T.Sinh(x[i]) : T.Tanh(x[i]);
            }
        }
    }

    /// <summary>
    /// <c>d = op(a, b)</c> on spans of length <c>d.Length</c>, where <paramref name="a"/> or
    /// <paramref name="b"/> may have length 1 (a broadcast scalar). <c>d</c> may be the same span as an input.
    /// </summary>
    public static void Binary<T>(BinaryOp op, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sa = a.Length == 1 && d.Length != 1;
        var sb = b.Length == 1 && d.Length != 1;
        if (sa && sb)
        {
            d.Fill(ElementwiseReference.Binary(op, a[0], b[0]));
            return;
        }

        switch (op)
        {
            case BinaryOp.Add:
                if (sb) TensorPrimitives.Add(a, b[0], d);
                else if (sa) TensorPrimitives.Add(b, a[0], d);
                else TensorPrimitives.Add(a, b, d);
                return;
            case BinaryOp.Sub:
                if (sb) TensorPrimitives.Subtract(a, b[0], d);
                else if (sa) TensorPrimitives.Subtract(a[0], b, d);
                else TensorPrimitives.Subtract(a, b, d);
                return;
            case BinaryOp.Mul:
                if (sb) TensorPrimitives.Multiply(a, b[0], d);
                else if (sa) TensorPrimitives.Multiply(b, a[0], d);
                else TensorPrimitives.Multiply(a, b, d);
                return;
            case BinaryOp.Div:
                if (sb) TensorPrimitives.Divide(a, b[0], d);
                else if (sa) TensorPrimitives.Divide(a[0], b, d);
                else TensorPrimitives.Divide(a, b, d);
                return;
            case BinaryOp.Pow:
                if (sb) TensorPrimitives.Pow(a, b[0], d);
                else if (sa) TensorPrimitives.Pow(a[0], b, d);
                else TensorPrimitives.Pow(a, b, d);
                return;
            case BinaryOp.Atan2:
                if (sb) TensorPrimitives.Atan2(a, b[0], d);
                else if (sa) TensorPrimitives.Atan2(a[0], b, d);
                else TensorPrimitives.Atan2(a, b, d);
                return;
            case BinaryOp.Max:
                if (sb) TensorPrimitives.Max(a, b[0], d);
                else if (sa) TensorPrimitives.Max(b, a[0], d);
                else TensorPrimitives.Max(a, b, d);
                return;
            case BinaryOp.Min:
                if (sb) TensorPrimitives.Min(a, b[0], d);
                else if (sa) TensorPrimitives.Min(b, a[0], d);
                else TensorPrimitives.Min(a, b, d);
                return;
            case BinaryOp.ReluGrad when !sa && !sb:
                ReluGrad(a, b, d);
                return;
            case BinaryOp.TanhGrad when !sa && !sb:
                TanhGrad(a, b, d);
                return;
            default:
                for (var i = 0; i < d.Length; i++)
                {
                    d[i] = ElementwiseReference.Binary(op, a[sa ? 0 : i], b[sb ? 0 : i]);
                }

                return;
        }
    }

    /// <summary><c>d = op(x)</c> for tensors of equal shape; <paramref name="d"/> must be contiguous.</summary>
    public static void Unary<T>(UnaryOp op, Tensor x, Tensor d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = d.Numel;
        if (n == 0)
        {
            return;
        }

        if (!x.IsContiguous)
        {
            // Transcendentals dominate; one strided gather first keeps a single SIMD path.
            using var xc = x.CopyContiguousTemp();
            Unary<T>(op, xc, d);
            return;
        }

        var chunks = Parallelism.ChunksFor(n);
        if (chunks == 1)
        {
            Unary(op, new ReadOnlySpan<T>(x.Data<T>(), x.Offset, n), new Span<T>(d.Data<T>(), d.Offset, n));
            return;
        }

        UnaryParallel(op, x.Data<T>(), x.Offset, d.Data<T>(), d.Offset, n, chunks);
    }

    // Parallel paths live in their own methods: a lambda's captured locals would otherwise be allocated on
    // every call, small ones included.
    private static void UnaryParallel<T>(UnaryOp op, T[] xd, int xo, T[] dd, int doff, int n, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallelism.For(chunks, c =>
        {
            var start = (int)((long)n * c / chunks);
            var end = (int)((long)n * (c + 1) / chunks);
            Unary(op, new ReadOnlySpan<T>(xd, xo + start, end - start), new Span<T>(dd, doff + start, end - start));
        });

    /// <summary>
    /// <c>d = op(a, b)</c> with NumPy broadcasting: <paramref name="a"/> and <paramref name="b"/> broadcast to
    /// <paramref name="d"/>'s shape; <paramref name="d"/> may be strided (in-place ops write through views).
    /// </summary>
    public static void Binary<T>(BinaryOp op, Tensor a, Tensor b, Tensor d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = d.Numel;
        if (n == 0)
        {
            return;
        }

        var ad = a.Data<T>();
        var bd = b.Data<T>();
        var dd = d.Data<T>();
        if (d.IsContiguous && a.IsContiguous && (a.Numel == n || a.Numel == 1) && b.IsContiguous && (b.Numel == n || b.Numel == 1))
        {
            var chunks = Parallelism.ChunksFor(n);
            var cacheResident = a.Numel == n && b.Numel == n && CacheResidentBinary.Applies<T>(op, n);
            if (chunks == 1)
            {
                var aSpan = new ReadOnlySpan<T>(ad, a.Offset, a.Numel);
                var bSpan = new ReadOnlySpan<T>(bd, b.Offset, b.Numel);
                var dSpan = new Span<T>(dd, d.Offset, n);
                if (cacheResident) CacheResidentBinary.Run(op, aSpan, bSpan, dSpan);
                else Binary(op, aSpan, bSpan, dSpan);
                return;
            }

            BinaryParallel(op, ad, a.Offset, a.Numel, bd, b.Offset, b.Numel, dd, d.Offset, n, chunks, cacheResident);
            return;
        }

        if (d.IsContiguous && a.IsContiguous && a.Numel == n && IsSingleValue(b))
        {
            // e.g. a gradient accumulated from a sum's backward: one value repeated by stride-0 axes.
            Binary(op, new ReadOnlySpan<T>(ad, a.Offset, n), new ReadOnlySpan<T>(bd, b.Offset, 1), new Span<T>(dd, d.Offset, n));
            return;
        }

        var rank = d.Rank;
        Span<int> strides = stackalloc int[3 * rank];
        Broadcasting.StridesInto(a, rank, strides[..rank]);
        Broadcasting.StridesInto(b, rank, strides.Slice(rank, rank));
        Broadcasting.StridesInto(d, rank, strides.Slice(2 * rank, rank));
        Span<int> offsets = [a.Offset, b.Offset, d.Offset];
        var kernel = new BinaryRow<T> { Op = op, A = ad, B = bd, D = dd };
        StridedLoop.Run(ref kernel, d.ShapeArray, strides, offsets, 3, parallel: true);
    }

    /// <summary>True when every element of <paramref name="t"/> is the same storage element (stride 0 or size 1 on every axis).</summary>
    private static bool IsSingleValue(Tensor t)
    {
        var shape = t.ShapeArray;
        var strides = t.StridesArray;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] != 1 && strides[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    // cacheResident is decided on the whole result (see CacheResidentBinary), not per chunk.
    private static void BinaryParallel<T>(BinaryOp op, T[] ad, int ao, int al, T[] bd, int bo, int bl, T[] dd, int dof, int n, int chunks, bool cacheResident)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallelism.For(chunks, c =>
        {
            var start = (int)((long)n * c / chunks);
            var end = (int)((long)n * (c + 1) / chunks);
            var aSpan = al == 1 ? new ReadOnlySpan<T>(ad, ao, 1) : new ReadOnlySpan<T>(ad, ao + start, end - start);
            var bSpan = bl == 1 ? new ReadOnlySpan<T>(bd, bo, 1) : new ReadOnlySpan<T>(bd, bo + start, end - start);
            var dSpan = new Span<T>(dd, dof + start, end - start);
            if (cacheResident) CacheResidentBinary.Run(op, aSpan, bSpan, dSpan);
            else Binary(op, aSpan, bSpan, dSpan);
        });

    /// <summary>Copies <paramref name="src"/> (broadcast to <paramref name="d"/>'s shape) into <paramref name="d"/>, any strides.</summary>
    public static void Copy<T>(Tensor src, Tensor d)
        where T : unmanaged
    {
        var n = d.Numel;
        if (n == 0)
        {
            return;
        }

        var sd = src.Data<T>();
        var dd = d.Data<T>();
        if (src.IsContiguous && d.IsContiguous && src.Numel == n)
        {
            new ReadOnlySpan<T>(sd, src.Offset, n).CopyTo(new Span<T>(dd, d.Offset, n));
            return;
        }

        var rank = d.Rank;
        Span<int> strides = stackalloc int[2 * rank];
        Broadcasting.StridesInto(src, rank, strides[..rank]);
        Broadcasting.StridesInto(d, rank, strides.Slice(rank, rank));
        Span<int> offsets = [src.Offset, d.Offset];
        var kernel = new CopyRow<T> { S = sd, D = dd };
        StridedLoop.Run(ref kernel, d.ShapeArray, strides, offsets, 2, parallel: true);
    }

    /// <summary>Sets every element of <paramref name="d"/> (any strides) to <paramref name="value"/>.</summary>
    public static void Fill<T>(Tensor d, T value)
        where T : unmanaged
    {
        var dd = d.Data<T>();
        if (d.IsContiguous)
        {
            new Span<T>(dd, d.Offset, d.Numel).Fill(value);
            return;
        }

        var rank = d.Rank;
        Span<int> strides = stackalloc int[rank];
        Broadcasting.StridesInto(d, rank, strides);
        Span<int> offsets = [d.Offset];
        var kernel = new FillRow<T> { D = dd, Value = value };
        StridedLoop.Run(ref kernel, d.ShapeArray, strides, offsets, 1, parallel: false);
    }

    /// <summary><c>d = a + alpha · b</c> for in-place updates (<c>d</c> is <c>a</c>); b broadcasts.</summary>
    public static void AddScaled<T>(Tensor a, Tensor b, T alpha, Tensor d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var n = d.Numel;
        if (a.IsContiguous && b.IsContiguous && d.IsContiguous && a.Numel == n && b.Numel == n)
        {
            var chunks = Parallelism.ChunksFor(n);
            if (chunks == 1)
            {
                TensorPrimitives.MultiplyAdd(
                    new ReadOnlySpan<T>(b.Data<T>(), b.Offset, n), alpha, new ReadOnlySpan<T>(a.Data<T>(), a.Offset, n),
                    new Span<T>(d.Data<T>(), d.Offset, n));
                return;
            }

            AddScaledParallel(a.Data<T>(), a.Offset, b.Data<T>(), b.Offset, alpha, d.Data<T>(), d.Offset, n, chunks);
            return;
        }

        using var scaled = Tensor.EmptyUntracked(b.ShapeArray, b.DType);
        using var factor = Tensor.ScalarUntracked(double.CreateChecked(alpha), b.DType);
        Binary<T>(BinaryOp.Mul, b, factor, scaled);
        Binary<T>(BinaryOp.Add, a, scaled, d);
    }

    private static void AddScaledParallel<T>(T[] ad, int ao, T[] bd, int bo, T alpha, T[] dd, int dof, int n, int chunks)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallelism.For(chunks, c =>
        {
            var start = (int)((long)n * c / chunks);
            var len = (int)((long)n * (c + 1) / chunks) - start;
            TensorPrimitives.MultiplyAdd(
                new ReadOnlySpan<T>(bd, bo + start, len), alpha, new ReadOnlySpan<T>(ad, ao + start, len),
                new Span<T>(dd, dof + start, len));
        });

    private static void ReluGrad<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var zero = Vector<T>.Zero;
            for (; i <= d.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var mask = Vector.GreaterThan(new Vector<T>(x[i..]), zero);
                Vector.ConditionalSelect(mask, new Vector<T>(g[i..]), zero).CopyTo(d[i..]);
            }
        }

        for (; i < d.Length; i++)
        {
            d[i] = x[i] > T.Zero ? g[i] : T.Zero;
        }
    }

    private static void TanhGrad<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> y, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; i <= d.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var yv = new Vector<T>(y[i..]);
                (new Vector<T>(g[i..]) * (one - yv * yv)).CopyTo(d[i..]);
            }
        }

        for (; i < d.Length; i++)
        {
            d[i] = g[i] * (T.One - y[i] * y[i]);
        }
    }

    /// <summary>A strided run as a span: itself when contiguous, its first element when broadcast, else gathered.</summary>
    private static ReadOnlySpan<T> RowSpan<T>(T[] data, int offset, int stride, int length, ref T[]? rented)
    {
        if (stride == 1 || length == 1)
        {
            return new ReadOnlySpan<T>(data, offset, length);
        }

        if (stride == 0)
        {
            return new ReadOnlySpan<T>(data, offset, 1);
        }

        rented = ArrayPool<T>.Shared.Rent(length);
        for (var i = 0; i < length; i++)
        {
            rented[i] = data[offset + i * stride];
        }

        return new ReadOnlySpan<T>(rented, 0, length);
    }

    private struct BinaryRow<T> : IRowKernel
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public BinaryOp Op;
        public T[] A, B, D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            T[]? ra = null, rb = null, rd = null;
            var a = RowSpan(A, offsets[0], strides[0], length, ref ra);
            var b = RowSpan(B, offsets[1], strides[1], length, ref rb);
            if (strides[2] == 1 || length == 1)
            {
                Binary(Op, a, b, new Span<T>(D, offsets[2], length));
            }
            else
            {
                rd = ArrayPool<T>.Shared.Rent(length);
                var tmp = new Span<T>(rd, 0, length);
                Binary(Op, a, b, tmp);
                for (int i = 0, o = offsets[2]; i < length; i++, o += strides[2])
                {
                    D[o] = tmp[i];
                }
            }

            if (ra is not null) ArrayPool<T>.Shared.Return(ra);
            if (rb is not null) ArrayPool<T>.Shared.Return(rb);
            if (rd is not null) ArrayPool<T>.Shared.Return(rd);
        }
    }

    private struct CopyRow<T> : IRowKernel
        where T : unmanaged
    {
        public T[] S, D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int s = offsets[0], d = offsets[1], ss = strides[0], ds = strides[1];
            if (ss == 1 && ds == 1)
            {
                new ReadOnlySpan<T>(S, s, length).CopyTo(new Span<T>(D, d, length));
            }
            else if (ss == 0 && ds == 1)
            {
                new Span<T>(D, d, length).Fill(S[s]);
            }
            else
            {
                for (var i = 0; i < length; i++, s += ss, d += ds)
                {
                    D[d] = S[s];
                }
            }
        }
    }

    private struct FillRow<T> : IRowKernel
        where T : unmanaged
    {
        public T[] D;
        public T Value;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            if (strides[0] == 1)
            {
                new Span<T>(D, offsets[0], length).Fill(Value);
                return;
            }

            for (int i = 0, d = offsets[0]; i < length; i++, d += strides[0])
            {
                D[d] = Value;
            }
        }
    }
}
