using System.Numerics;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Layer normalization over the last <c>n</c> axes as one tape node:
/// <c>y = (x − μ)/√(σ² + ε) · w + b</c> with μ, σ² (biased) per row. Forward and backward run the fused
/// one-row-at-a-time kernels (<see cref="LayerNormKernels"/>) and save only x, μ and 1/σ; under createGraph the
/// backward is the same rule written with tensor ops (<see cref="Composite"/>'s formulas), so it can be
/// differentiated again.
/// </summary>
internal static class LayerNormFunction
{
    public static Tensor Apply(Tensor x, int normalizedAxes, Tensor? weight, Tensor? bias, double eps)
    {
        Backends.Dispatch.RequireCpu("layer_norm", x);
        Backends.Dispatch.RequireFloat("layer_norm", x);
        var d = RowLength(x, normalizedAxes, weight, bias);
        x = x.Contiguous();
        var rows = d == 0 ? 0 : x.Numel / d;
        var y = Tensor.Empty((int[])x.ShapeArray.Clone(), x.DType);
        var mean = Tensor.Empty([rows], x.DType, register: false);
        var rstd = Tensor.Empty([rows], x.DType, register: false);
        using (var wTemp = weight is null || weight.IsContiguous ? null : weight.CopyContiguousTemp())
        using (var bTemp = bias is null || bias.IsContiguous ? null : bias.CopyContiguousTemp())
        {
            var w = wTemp ?? weight;
            var b = bTemp ?? bias;
            if (x.DType == DType.Float32)
            {
                LayerNormKernels.Forward(TensorSpans.Of<float>(x), SpanOf<float>(w), SpanOf<float>(b), TensorSpans.Of<float>(y),
                    TensorSpans.Of<float>(mean), TensorSpans.Of<float>(rstd), rows, d, (float)eps);
            }
            else
            {
                LayerNormKernels.Forward(TensorSpans.Of<double>(x), SpanOf<double>(w), SpanOf<double>(b), TensorSpans.Of<double>(y),
                    TensorSpans.Of<double>(mean), TensorSpans.Of<double>(rstd), rows, d, eps);
            }
        }

        if (Backends.Dispatch.Tracer is not null)
        {
            Backends.Dispatch.Record("layer_norm", x, y, $"axes={normalizedAxes} eps={eps}");
        }

        var needs = x.RequiresGrad || (weight?.RequiresGrad ?? false) || (bias?.RequiresGrad ?? false);
        if (GradMode.Enabled && needs)
        {
            y.SetGradFn(new LayerNormNode(x, weight, bias, mean, rstd, normalizedAxes, eps));
        }

        return y;
    }

    /// <summary>The same function from tensor ops (the twin that tests the kernels).</summary>
    public static Tensor Composite(Tensor x, int normalizedAxes, Tensor? weight, Tensor? bias, double eps)
    {
        RowLength(x, normalizedAxes, weight, bias);
        var axes = LastAxes(x.Rank, normalizedAxes);
        var centred = x - x.Mean(axes, keepDim: true);
        var y = centred * (centred.Square().Mean(axes, keepDim: true) + eps).Pow(-0.5);
        if (weight is not null)
        {
            y *= weight;
        }

        if (bias is not null)
        {
            y += bias;
        }

        return y;
    }

    private static int RowLength(Tensor x, int normalizedAxes, Tensor? weight, Tensor? bias)
    {
        if (normalizedAxes < 1 || normalizedAxes > x.Rank)
        {
            throw new ArgumentException($"layer_norm: input of shape {x.Shape} has fewer than the {normalizedAxes} normalized axes (the shape must end with normalizedShape).");
        }

        var d = 1;
        for (var i = x.Rank - normalizedAxes; i < x.Rank; i++)
        {
            d *= x.ShapeArray[i];
        }

        Check(weight, "weight");
        Check(bias, "bias");
        return d;

        void Check(Tensor? p, string what)
        {
            if (p is null)
            {
                return;
            }

            var ok = p.Rank == normalizedAxes && p.DType == x.DType;
            for (var i = 0; ok && i < normalizedAxes; i++)
            {
                ok = p.ShapeArray[i] == x.ShapeArray[x.Rank - normalizedAxes + i];
            }

            if (!ok)
            {
                throw new ArgumentException($"layer_norm: the {what} has shape {p.Shape} ({p.DType.Name()}) but the input {x.Shape} ({x.DType.Name()}) needs its last {normalizedAxes} axes.");
            }
        }
    }

    private static int[] LastAxes(int rank, int count)
    {
        var axes = new int[count];
        for (var i = 0; i < count; i++)
        {
            axes[i] = rank - count + i;
        }

        return axes;
    }

    private static int[] LeadingAxes(int rank, int count)
    {
        var axes = new int[rank - count];
        for (var i = 0; i < axes.Length; i++)
        {
            axes[i] = i;
        }

        return axes;
    }

    private static Span<T> SpanOf<T>(Tensor? t)
        where T : unmanaged => t is null ? Span<T>.Empty : TensorSpans.Of<T>(t);

    private sealed class LayerNormNode : Node
    {
        private readonly SavedTensor _x;
        private readonly SavedTensor? _w;
        private readonly Tensor _mean;
        private readonly Tensor _rstd;
        private readonly int _axes;
        private readonly double _eps;
        private readonly bool _hasWeight;
        private readonly bool _hasBias;

        public LayerNormNode(Tensor x, Tensor? w, Tensor? b, Tensor mean, Tensor rstd, int axes, double eps)
            : base(Inputs(x, w, b))
        {
            _x = new SavedTensor(x);
            _w = w is null ? null : new SavedTensor(w);
            _mean = mean;
            _rstd = rstd;
            _axes = axes;
            _eps = eps;
            _hasWeight = w is not null;
            _hasBias = b is not null;
        }

        public override string Name => "layer_norm";

        private static Tensor[] Inputs(Tensor x, Tensor? w, Tensor? b) =>
            (w, b) switch
            {
                (null, null) => [x],
                (not null, null) => [x, w],
                (null, not null) => [x, b],
                _ => [x, w!, b!],
            };

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var x = _x.Get(this);
            var w = _w?.Get(this);
            var bIndex = _hasWeight ? 2 : 1;
            var needX = NeedsGrad(0);
            var needW = _hasWeight && NeedsGrad(1);
            var needB = _hasBias && NeedsGrad(bIndex);
            if (GradMode.Enabled)
            {
                // createGraph: μ and rstd recomputed from x with recorded ops, so second derivatives see them.
                var axes = LastAxes(x.Rank, _axes);
                var lead = LeadingAxes(x.Rank, _axes);
                var centred = x - x.Mean(axes, keepDim: true);
                var rstd = (centred.Square().Mean(axes, keepDim: true) + _eps).Pow(-0.5);
                var xhat = centred * rstd;
                if (needX)
                {
                    var ghat = w is null ? g : g * w;
                    grads[0] = rstd * (ghat - ghat.Mean(axes, keepDim: true) - xhat * (ghat * xhat).Mean(axes, keepDim: true));
                }

                if (needW)
                {
                    grads[1] = lead.Length == 0 ? g * xhat : (g * xhat).Sum(lead);
                }

                if (needB)
                {
                    grads[bIndex] = lead.Length == 0 ? g.Clone() : g.Sum(lead);
                }

                return;
            }

            var gc = TensorSpans.Contiguous(g, out var temp);
            using var wTemp = w is null || w.IsContiguous ? null : w.CopyContiguousTemp();
            try
            {
                var dx = needX ? Tensor.Empty((int[])x.ShapeArray.Clone(), x.DType) : null;
                var dw = needW ? Tensor.Empty((int[])w!.ShapeArray.Clone(), x.DType) : null;
                int[] paramShape = w is not null ? (int[])w.ShapeArray.Clone() : x.ShapeArray[(x.Rank - _axes)..];
                var db = needB ? Tensor.Empty(paramShape, x.DType) : null;
                var rows = _mean.Numel;
                var d = rows == 0 ? 0 : x.Numel / rows;
                if (x.DType == DType.Float32)
                {
                    Run<float>(x, wTemp ?? w, gc, dx, dw, db, rows, d);
                }
                else
                {
                    Run<double>(x, wTemp ?? w, gc, dx, dw, db, rows, d);
                }

                if (needX) grads[0] = dx;
                if (needW) grads[1] = dw;
                if (needB) grads[bIndex] = db;
            }
            finally
            {
                temp?.Dispose();
            }
        }

        private void Run<T>(Tensor x, Tensor? w, Tensor g, Tensor? dx, Tensor? dw, Tensor? db, int rows, int d)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            LayerNormKernels.Backward(TensorSpans.Of<T>(x), w is null ? Span<T>.Empty : TensorSpans.Of<T>(w), TensorSpans.Of<T>(g),
                TensorSpans.Of<T>(_mean), TensorSpans.Of<T>(_rstd),
                dx is null ? Span<T>.Empty : TensorSpans.Of<T>(dx), dw is null ? Span<T>.Empty : TensorSpans.Of<T>(dw),
                db is null ? Span<T>.Empty : TensorSpans.Of<T>(db), rows, d);
        }
    }
}
