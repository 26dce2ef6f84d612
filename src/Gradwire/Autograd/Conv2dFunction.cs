using Gradwire.Backends;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// The 2-D convolution as one tape node: forward <c>y[s] = W_g · im2col(x[s]) + b</c> per sample and group
/// (the column matrix kept, side by side for the batch, only when the weight wants a gradient); backward
/// <c>dW_g = dY_g · colsᵀ</c> as one GEMM over the batch, <c>dX = col2im(Wᵀ · dY)</c> per sample, <c>db = Σ dY</c>.
/// </summary>
/// <remarks>
/// One node instead of unfold + matmul + add (+ reshapes) saves the batch-sized column tensor of the input
/// gradient, the broadcast bias add and four tape nodes per layer. Under <c>createGraph</c> the backward is the
/// tensor-op twin (<see cref="ConvFunctions.Conv2dComposite"/>'s own gradient written with unfold/fold and
/// matmul), so second derivatives work; a test holds the two equal.
/// </remarks>
internal static class Conv2dFunction
{
    public static Tensor Apply(Tensor x, Tensor w, Tensor? b, ConvGeometry g, int groups)
    {
        var n = x.ShapeArray[0];
        var o = w.ShapeArray[0];
        if (n == 0 || o == 0 || g.ColumnRows == 0 || g.ColumnCols == 0)
        {
            return ConvFunctions.Conv2dComposite(x, w, b, g, groups); // empty products: nothing to fuse
        }

        var needsGrad = GradMode.Enabled && (x.RequiresGrad || w.RequiresGrad || (b?.RequiresGrad ?? false));
        var y = Tensor.Empty([n, o, g.OutH, g.OutW], x.DType);
        var cols = needsGrad && w.RequiresGrad ? Tensor.Empty([g.ColumnRows, n * g.ColumnCols], x.DType) : null;
        var xc = TensorSpans.Contiguous(x, out var xTemp);
        var wc = TensorSpans.Contiguous(w, out var wTemp);
        Tensor? bTemp = null;
        var bc = b is null ? null : TensorSpans.Contiguous(b, out bTemp);
        try
        {
            Dispatch.Conv2dForward(xc, wc, bc, y, cols, n, groups, g);
        }
        finally
        {
            xTemp?.Dispose();
            wTemp?.Dispose();
            bTemp?.Dispose();
        }

        if (Dispatch.Tracer is not null)
        {
            if (b is null) Dispatch.Record("conv2d", x, w, y);
            else Dispatch.Record("conv2d", x, w, b, y);
        }

        if (needsGrad)
        {
            y.SetGradFn(new Conv2dNode(x, w, b, cols, g, groups));
        }

        return y;
    }

    /// <summary>
    /// The tensor-op twin of the backward: the gradient of <c>W·unfold(x) + b</c> written with recorded ops
    /// (<c>dX = fold(Wᵀ·dY)</c>, <c>dW = Σ_s dY·unfold(x)ᵀ</c>, <c>db = Σ dY</c>), differentiable again.
    /// </summary>
    internal static void CompositeBackward(Tensor dy, Tensor x, Tensor w, ConvGeometry g, int groups, ReadOnlySpan<bool> needs, Span<Tensor?> grads)
    {
        var n = x.ShapeArray[0];
        var o = w.ShapeArray[0];
        var k = w.ShapeArray[1] * g.KernelH * g.KernelW;
        var l = g.ColumnCols;
        var og = o / groups;
        var dyg = dy.Reshape(n, groups, og, l);
        if (needs[0])
        {
            var dcols = w.Reshape(groups, og, k).Transpose(1, 2).MatMul(dyg).Reshape(n, groups * k, l);
            grads[0] = ConvFunctions.Fold(dcols, g);
        }

        if (needs[1])
        {
            var cols = ConvFunctions.Unfold(x, g).Reshape(n, groups, k, l);
            grads[1] = dyg.MatMul(cols.MT).Sum(0).Reshape(w.ShapeArray);
        }

        if (needs.Length > 2 && needs[2])
        {
            grads[2] = dy.Reshape(n, o, l).Sum(2).Sum(0);
        }
    }

    private sealed class Conv2dNode : Node
    {
        private readonly SavedTensor _x;
        private readonly SavedTensor _w;
        private readonly SavedTensor? _cols;
        private readonly ConvGeometry _g;
        private readonly int _groups;
        private readonly bool _hasBias;

        public Conv2dNode(Tensor x, Tensor w, Tensor? b, Tensor? cols, ConvGeometry g, int groups)
            : base(b is null ? [x, w] : [x, w, b])
        {
            _x = new SavedTensor(x);
            _w = new SavedTensor(w);
            _cols = cols is null ? null : new SavedTensor(cols);
            _g = g;
            _groups = groups;
            _hasBias = b is not null;
        }

        public override string Name => "conv2d";

        public override void Backward(Tensor grad, Span<Tensor?> grads)
        {
            var x = _x.Get(this);
            var w = _w.Get(this);
            Span<bool> needs = stackalloc bool[Arity];
            for (var i = 0; i < needs.Length; i++)
            {
                needs[i] = NeedsGrad(i);
            }

            if (GradMode.Enabled)
            {
                // createGraph: the recorded twin, so the gradient can be differentiated again.
                CompositeBackward(grad, x, w, _g, _groups, needs, grads);
                return;
            }

            var n = x.ShapeArray[0];
            var o = w.ShapeArray[0];
            var gc = TensorSpans.Contiguous(grad, out var gTemp);
            var wc = TensorSpans.Contiguous(w, out var wTemp);
            try
            {
                var wantW = needs[1] && _cols is not null;
                var wantB = _hasBias && needs[2];
                if (wantW || wantB)
                {
                    var dw = wantW ? Tensor.Empty(w.ShapeArray, w.DType) : null;
                    var db = wantB ? Tensor.Empty([o], w.DType) : null;
                    Dispatch.Conv2dWeightGrads(gc, _cols?.Get(this), dw, db, n, o, _groups, _g);
                    grads[1] = dw;
                    if (wantB)
                    {
                        grads[2] = db;
                    }
                }

                if (needs[0])
                {
                    var dx = Tensor.Empty(x.ShapeArray, x.DType);
                    Dispatch.Conv2dInputGrad(gc, wc, dx, n, _groups, _g);
                    grads[0] = dx;
                }
            }
            finally
            {
                gTemp?.Dispose();
                wTemp?.Dispose();
            }
        }
    }
}
