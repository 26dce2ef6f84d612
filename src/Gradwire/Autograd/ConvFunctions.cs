using Gradwire.Backends;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Convolution as tensor ops: <c>unfold</c> (im2col) and <c>fold</c> (col2im) are the two primitives, each the
/// other's adjoint, so each one's backward is the other. A convolution is then
/// <c>y = W.reshape(O, C·kh·kw) · unfold(x) + b</c> through the GEMM, and its backward
/// (<c>dW = dY · colsᵀ</c>, <c>dX = fold(Wᵀ · dY)</c>) is recorded like any other tensor op, so double backward
/// works with no extra rule. The transposed convolution is <c>fold(Wᵀ · x)</c>.
/// </summary>
internal static class ConvFunctions
{
    /// <summary><paramref name="x"/> [N, C, H, W] → [N, C·kh·kw, OH·OW] (PyTorch's <c>unfold</c>).</summary>
    public static Tensor Unfold(Tensor x, ConvGeometry g)
    {
        var n = x.ShapeArray[0];
        var y = Tensor.Empty([n, g.ColumnRows, g.ColumnCols], x.DType);
        var xc = TensorSpans.Contiguous(x, out var temp);
        using (temp)
        {
            Dispatch.Im2Col(xc, y, n, g);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("unfold", x, y, Attributes(g));
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            y.SetGradFn(new FunctionNode("unfold", [x], [], (grad, _, _, grads) => grads[0] = Fold(grad, g)));
        }

        return y;
    }

    /// <summary><paramref name="cols"/> [N, C·kh·kw, OH·OW] → [N, C, H, W], overlapping entries summed (PyTorch's <c>fold</c>).</summary>
    public static Tensor Fold(Tensor cols, ConvGeometry g)
    {
        var n = cols.ShapeArray[0];
        var y = Tensor.Empty([n, g.Channels, g.Height, g.Width], cols.DType);
        var cc = TensorSpans.Contiguous(cols, out var temp);
        using (temp)
        {
            Dispatch.Col2Im(cc, y, n, g);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("fold", cols, y, Attributes(g));
        }

        if (GradMode.Enabled && cols.RequiresGrad)
        {
            y.SetGradFn(new FunctionNode("fold", [cols], [], (grad, _, _, grads) => grads[0] = Unfold(grad, g)));
        }

        return y;
    }

    /// <summary>
    /// 2-D convolution (cross-correlation, as PyTorch): <paramref name="x"/> [N, C, H, W], <paramref name="w"/>
    /// [O, C/groups, kh, kw], <paramref name="b"/> [O] or null; the geometry's begin-padding and output size
    /// carry symmetric, "same" (possibly asymmetric) and "valid" padding alike. The fused node
    /// (<see cref="Conv2dFunction"/>) computes it; <see cref="Conv2dComposite"/> is its tensor-op twin.
    /// </summary>
    public static Tensor Conv2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g, int groups) =>
        Conv2dFunction.Apply(x, w, b, g, groups);

    /// <summary>The convolution as recorded tensor ops, <c>W.reshape(O, C·kh·kw) · unfold(x) + b</c>: the twin the fused node is tested against.</summary>
    public static Tensor Conv2dComposite(Tensor x, Tensor w, Tensor? b, ConvGeometry g, int groups)
    {
        var n = x.ShapeArray[0];
        var o = w.ShapeArray[0];
        var cols = Unfold(x, g);
        var k = w.ShapeArray[1] * g.KernelH * g.KernelW;
        Tensor y;
        if (groups == 1)
        {
            y = w.Reshape(o, k).MatMul(cols);
        }
        else
        {
            y = w.Reshape(groups, o / groups, k).MatMul(cols.Reshape(n, groups, k, g.ColumnCols)).Reshape(n, o, g.ColumnCols);
        }

        if (b is not null)
        {
            y = y + b.Reshape(o, 1);
        }

        return y.Reshape(n, o, g.OutH, g.OutW);
    }

    /// <summary>
    /// Transposed 2-D convolution: <paramref name="x"/> [N, Cin, H, W], <paramref name="w"/> [Cin, Cout/groups, kh, kw];
    /// <paramref name="g"/> describes the OUTPUT (channels Cout, size OH×OW) whose unfold has H×W positions.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g, int groups)
    {
        var n = x.ShapeArray[0];
        var cin = x.ShapeArray[1];
        var hw = x.ShapeArray[2] * x.ShapeArray[3];
        var rows = w.ShapeArray[1] * g.KernelH * g.KernelW;
        Tensor cols;
        if (groups == 1)
        {
            cols = w.Reshape(cin, rows).MT.MatMul(x.Reshape(n, cin, hw));
        }
        else
        {
            cols = w.Reshape(groups, cin / groups, rows).Transpose(1, 2)
                .MatMul(x.Reshape(n, groups, cin / groups, hw)).Reshape(n, groups * rows, hw);
        }

        var y = Fold(cols, g);
        if (b is not null)
        {
            y = y + b.Reshape(g.Channels, 1, 1);
        }

        return y;
    }

    /// <summary>
    /// Max pooling of [N, C, H, W]: values and the int64 per-plane flat argmax indices from one kernel pass.
    /// Backward scatters the gradient to the argmax directly; under <c>createGraph</c> it is the recorded twin,
    /// gather's scatter-add at the same indices.
    /// </summary>
    public static (Tensor Values, Tensor Indices) MaxPool2d(Tensor x, ConvGeometry g)
    {
        var n = x.ShapeArray[0];
        var indices = Tensor.Empty([n, g.Channels, g.OutH, g.OutW], DType.Int64);
        var values = Tensor.Empty([n, g.Channels, g.OutH, g.OutW], x.DType);
        var xc = TensorSpans.Contiguous(x, out var temp);
        using (temp)
        {
            Dispatch.MaxPool(xc, values, indices, n, g);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record("max_pool2d", x, values, Attributes(g));
        }

        if (GradMode.Enabled && x.RequiresGrad)
        {
            values.SetGradFn(new FunctionNode("max_pool2d", [x], [indices], (grad, saved, _, grads) =>
            {
                var idx = saved[0];
                if (GradMode.Enabled)
                {
                    var plane = g.Height * g.Width;
                    var outPlane = g.OutH * g.OutW;
                    grads[0] = IndexingFunctions.ScatterAdd(Tensor.Zeros(new Shape(n, g.Channels, plane), grad.DType), 2, idx.Reshape(n, g.Channels, outPlane), grad.Reshape(n, g.Channels, outPlane))
                        .Reshape(n, g.Channels, g.Height, g.Width);
                    return;
                }

                var dx = Tensor.Empty([n, g.Channels, g.Height, g.Width], grad.DType);
                var gc = TensorSpans.Contiguous(grad, out var gTemp);
                using (gTemp)
                {
                    Dispatch.MaxPoolBackward(gc, idx, dx, n, g);
                }

                grads[0] = dx;
            }));
        }

        return (values, indices);
    }

    /// <summary>
    /// Average pooling of [N, C, H, W]: window sums from <see cref="Unfold"/> divided by PyTorch's divisor
    /// (window clipped to the padded input; to the input itself when <paramref name="countIncludePad"/> is false).
    /// </summary>
    public static Tensor AvgPool2d(Tensor x, ConvGeometry g, bool countIncludePad, int? divisorOverride)
    {
        var n = x.ShapeArray[0];
        var planes = g with { Channels = 1 };
        var sums = Unfold(x.Reshape(n * g.Channels, 1, g.Height, g.Width), planes).Sum(1);
        var divisor = new double[g.OutH * g.OutW];
        for (var oh = 0; oh < g.OutH; oh++)
        {
            for (var ow = 0; ow < g.OutW; ow++)
            {
                var hs = (oh * g.StrideH) - g.PadH;
                var ws = (ow * g.StrideW) - g.PadW;
                var he = Math.Min(hs + g.KernelH, g.Height + g.PadH);
                var we = Math.Min(ws + g.KernelW, g.Width + g.PadW);
                var size = (he - hs) * (we - ws);
                if (!countIncludePad)
                {
                    size = (Math.Min(he, g.Height) - Math.Max(hs, 0)) * (Math.Min(we, g.Width) - Math.Max(ws, 0));
                }

                divisor[(oh * g.OutW) + ow] = divisorOverride ?? size;
            }
        }

        // A constant of the current scope: the division saves it for backward.
        var dt = Tensor.FromArray(divisor).To(x.DType);
        return (sums / dt).Reshape(n, g.Channels, g.OutH, g.OutW);
    }

    /// <summary>
    /// Adaptive average pooling as two averaging matrices: <c>y = P_h · x · P_wᵀ</c> with
    /// <c>P[i, j] = 1 / (end_i − start_i)</c> on PyTorch's windows <c>start_i = ⌊i·in/out⌋</c>, <c>end_i = ⌈(i+1)·in/out⌉</c>
    /// (an average over a rectangle is separable).
    /// </summary>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outH, int outW)
    {
        var h = x.ShapeArray[^2];
        var w = x.ShapeArray[^1];
        var ph = AveragingMatrix(outH, h, x.DType);
        var pw = AveragingMatrix(outW, w, x.DType);
        return ph.MatMul(x).MatMul(pw.MT);
    }

    private static Tensor AveragingMatrix(int outSize, int inSize, DType dtype)
    {
        var m = new double[outSize * inSize];
        for (var i = 0; i < outSize; i++)
        {
            var start = (int)((long)i * inSize / outSize);
            var end = (int)((((long)(i + 1) * inSize) + outSize - 1) / outSize);
            for (var j = start; j < end; j++)
            {
                m[(i * inSize) + j] = 1.0 / (end - start);
            }
        }

        return Tensor.FromArray(m, new Shape(outSize, inSize)).To(dtype);
    }

    private static string Attributes(in ConvGeometry g) =>
        $"kernel=({g.KernelH}, {g.KernelW}), stride=({g.StrideH}, {g.StrideW}), padding=({g.PadH}, {g.PadW}), dilation=({g.DilationH}, {g.DilationW})";
}
