namespace Gradwire.Kernels;

/// <summary>
/// Element-wise kernels for any element type (int64, bool, and comparisons of floats to bool): one strided
/// row loop per operand count, the element function a struct (<see cref="IMap2{TA, TB, TD}"/>) so it
/// inlines. They take arrays, offsets and strides, never tensors. The float arithmetic keeps its SIMD
/// kernels in <see cref="ElementwiseKernels"/>; these serve the dtypes and ops those do not.
/// </summary>
internal static class TypedElementwiseKernels
{
    /// <summary><c>d = f(a, b)</c> over <paramref name="shape"/>; strides are operand-major (a, b, d), 0 on broadcast axes.</summary>
    public static void Map2<TA, TB, TD, TOp>(TA[] a, TB[] b, TD[] d, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> offsets)
        where TOp : struct, IMap2<TA, TB, TD>
    {
        var kernel = new Map2Row<TA, TB, TD, TOp> { A = a, B = b, D = d };
        StridedLoop.Run(ref kernel, shape, strides, offsets, 3, parallel: true);
    }

    /// <summary><c>d = f(x)</c> over <paramref name="shape"/>; strides operand-major (x, d).</summary>
    public static void Map1<TX, TD, TOp>(TX[] x, TD[] d, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> offsets)
        where TOp : struct, IMap1<TX, TD>
    {
        var kernel = new Map1Row<TX, TD, TOp> { X = x, D = d };
        StridedLoop.Run(ref kernel, shape, strides, offsets, 2, parallel: true);
    }

    /// <summary><c>d = c ? a : b</c> with a bool condition, any element type; strides operand-major (c, a, b, d).</summary>
    public static void Where<T>(bool[] c, T[] a, T[] b, T[] d, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> offsets)
    {
        var kernel = new WhereRow<T> { C = c, A = a, B = b, D = d };
        StridedLoop.Run(ref kernel, shape, strides, offsets, 4, parallel: true);
    }

    /// <summary>
    /// <c>d[j] = combine(d[j], x[i])</c> where d's strides are 0 on the reduced axes: a reduction over any axes
    /// for any element type. <paramref name="d"/> must hold the identity first. Serial: rows share outputs.
    /// </summary>
    public static void Reduce<T, TOp>(T[] x, T[] d, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> offsets)
        where TOp : struct, ICombine<T>
    {
        var kernel = new ReduceRow<T, TOp> { X = x, D = d };
        StridedLoop.Run(ref kernel, shape, strides, offsets, 2, parallel: false);
    }

    private struct Map2Row<TA, TB, TD, TOp> : IRowKernel
        where TOp : struct, IMap2<TA, TB, TD>
    {
        public TA[] A;
        public TB[] B;
        public TD[] D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int a = offsets[0], b = offsets[1], d = offsets[2];
            int sa = strides[0], sb = strides[1], sd = strides[2];
            for (var i = 0; i < length; i++, a += sa, b += sb, d += sd)
            {
                D[d] = TOp.Invoke(A[a], B[b]);
            }
        }
    }

    private struct Map1Row<TX, TD, TOp> : IRowKernel
        where TOp : struct, IMap1<TX, TD>
    {
        public TX[] X;
        public TD[] D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int x = offsets[0], d = offsets[1], sx = strides[0], sd = strides[1];
            for (var i = 0; i < length; i++, x += sx, d += sd)
            {
                D[d] = TOp.Invoke(X[x]);
            }
        }
    }

    private struct WhereRow<T> : IRowKernel
    {
        public bool[] C;
        public T[] A, B, D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int c = offsets[0], a = offsets[1], b = offsets[2], d = offsets[3];
            for (var i = 0; i < length; i++, c += strides[0], a += strides[1], b += strides[2], d += strides[3])
            {
                D[d] = C[c] ? A[a] : B[b];
            }
        }
    }

    private struct ReduceRow<T, TOp> : IRowKernel
        where TOp : struct, ICombine<T>
    {
        public T[] X, D;

        public readonly void Row(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides)
        {
            int x = offsets[0], d = offsets[1], sx = strides[0], sd = strides[1];
            if (sd == 0)
            {
                var acc = D[d];
                for (var i = 0; i < length; i++, x += sx)
                {
                    acc = TOp.Invoke(acc, X[x]);
                }

                D[d] = acc;
                return;
            }

            for (var i = 0; i < length; i++, x += sx, d += sd)
            {
                D[d] = TOp.Invoke(D[d], X[x]);
            }
        }
    }
}
