using System.Numerics;
using Gradwire.Backends;
using Gradwire.Kernels;
using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Batch normalization as one tape node, PyTorch's <c>F.batch_norm</c>: over an input <c>[N, C, *]</c>, per channel c,
/// <c>y = (x − μ_c) / √(σ²_c + ε) · w_c + b_c</c>. With batch statistics (training, or no running statistics)
/// μ and σ² are the channel's mean and biased variance over N and the spatial axes, and the running estimates
/// (if given) are updated in place: <c>r ← (1 − f)·r + f·s</c> with the batch mean, and for the variance the
/// unbiased batch variance <c>σ²·m/(m − 1)</c> (m = elements per channel). Otherwise the running estimates are used.
/// </summary>
/// <remarks>
/// Forward and backward are fused kernels (<see cref="BatchNormKernels"/>); under <c>createGraph</c> the backward is
/// <see cref="BackwardComposite"/>, the same closed form written with tensor ops (μ and σ² recomputed from x, so
/// second derivatives through the statistics are right). <see cref="ApplyComposite"/> is the whole forward in
/// tensor ops: the twin the kernels are tested against.
/// </remarks>
internal static class BatchNormFunction
{
    /// <summary>Applies batch normalization (see the class).</summary>
    /// <param name="x">Input <c>[N, C, *]</c>, float32 or float64.</param>
    /// <param name="weight">Scale <c>[C]</c> or null (1).</param>
    /// <param name="bias">Shift <c>[C]</c> or null (0).</param>
    /// <param name="runningMean">Running mean <c>[C]</c> or null; updated in place when <paramref name="useBatchStatistics"/>.</param>
    /// <param name="runningVar">Running variance <c>[C]</c> or null (both or neither).</param>
    /// <param name="useBatchStatistics">Normalize with the batch's statistics (PyTorch's <c>training</c>).</param>
    /// <param name="factor">The running average factor f.</param>
    /// <param name="eps">ε, added to the variance.</param>
    public static Tensor Apply(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool useBatchStatistics, double factor, double eps)
    {
        const string op = "batch_norm";
        Dispatch.RequireCpu(op, x);
        Dispatch.RequireFloat(op, x);
        if (x.Rank < 2)
        {
            throw new ArgumentException($"{op}: the input must be [N, C, *] (at least 2 axes), got {x.Shape}.");
        }

        var n = x.ShapeArray[0];
        var c = x.ShapeArray[1];
        var s = c == 0 || n == 0 ? 0 : x.Numel / (n * c);
        CheckChannelTensor(op, "weight", weight, x, c);
        CheckChannelTensor(op, "bias", bias, x, c);
        CheckChannelTensor(op, "running_mean", runningMean, x, c);
        CheckChannelTensor(op, "running_var", runningVar, x, c);
        if ((runningMean is null) != (runningVar is null))
        {
            throw new ArgumentException($"{op}: pass both running_mean and running_var or neither.");
        }

        if (!useBatchStatistics && runningMean is null)
        {
            throw new ArgumentException($"{op}: without batch statistics the running_mean and running_var are needed (input {x.Shape}).");
        }

        var m = (long)n * s;
        if (useBatchStatistics && m < 2)
        {
            throw new ArgumentException(
                $"{op}: expected more than 1 value per channel when training, got input of shape {x.Shape} ({m} per channel); " +
                "use a larger batch or switch the module to Eval().");
        }

        x = x.Contiguous();
        var y = Tensor.Empty(x.ShapeArray, x.DType);
        var mean = new double[c];
        var invStd = new double[c];
        if (x.DType == DType.Float32)
        {
            Forward<float>(x, weight, bias, runningMean, runningVar, useBatchStatistics, factor, eps, n, c, s, mean, invStd, y);
        }
        else
        {
            Forward<double>(x, weight, bias, runningMean, runningVar, useBatchStatistics, factor, eps, n, c, s, mean, invStd, y);
        }

        if (Dispatch.Tracer is not null)
        {
            Dispatch.Record(op, x, y, useBatchStatistics ? "training" : "running statistics");
        }

        if (GradMode.Enabled && (x.RequiresGrad || (weight?.RequiresGrad ?? false) || (bias?.RequiresGrad ?? false)))
        {
            y.SetGradFn(new BatchNormNode(x, weight, bias, mean, invStd, useBatchStatistics, eps));
        }

        return y;
    }

    /// <summary>
    /// The same forward from tensor ops (autograd differentiates it): the reference for the fused kernels. Running
    /// statistics are read, never updated.
    /// </summary>
    public static Tensor ApplyComposite(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool useBatchStatistics, double eps)
    {
        var n = x.ShapeArray[0];
        var c = x.ShapeArray[1];
        var xr = x.Reshape(n, c, -1);
        Tensor xhat;
        if (useBatchStatistics)
        {
            var mean = xr.Mean([0, 2], keepDim: true);
            var centred = xr - mean;
            var variance = (centred * centred).Mean([0, 2], keepDim: true);
            xhat = centred / (variance + eps).Sqrt();
        }
        else
        {
            xhat = (xr - runningMean!.Reshape(1, c, 1)) / (runningVar!.Reshape(1, c, 1) + eps).Sqrt();
        }

        var y = weight is null ? xhat : xhat * weight.Reshape(1, c, 1);
        if (bias is not null)
        {
            y = y + bias.Reshape(1, c, 1);
        }

        return y.Reshape(x.ShapeArray);
    }

    private static void CheckChannelTensor(string op, string name, Tensor? t, Tensor x, int c)
    {
        if (t is null)
        {
            return;
        }

        if (t.Rank != 1 || t.ShapeArray[0] != c || t.DType != x.DType)
        {
            throw new ArgumentException(
                $"{op}: {name} has shape {t.Shape} ({t.DType.Name()}); for an input {x.Shape} ({x.DType.Name()}) it must be [{c}] ({x.DType.Name()}).");
        }

        Dispatch.RequireCpu(op, t);
    }

    private static void Forward<T>(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool useBatchStatistics, double factor, double eps, int n, int c, int s, double[] mean, double[] invStd, Tensor y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var wTemp = weight is null || weight.IsContiguous ? null : weight.CopyContiguousTemp();
        using var bTemp = bias is null || bias.IsContiguous ? null : bias.CopyContiguousTemp();
        var w = weight is null ? default : (ReadOnlySpan<T>)TensorSpans.Of<T>(wTemp ?? weight);
        var b = bias is null ? default : (ReadOnlySpan<T>)TensorSpans.Of<T>(bTemp ?? bias);
        var xs = TensorSpans.Of<T>(x);
        if (useBatchStatistics)
        {
            var variance = new double[c];
            if (xs.Length > 0)
            {
                BatchNormKernels.Statistics<T>(xs, n, c, s, mean, variance);
            }

            for (var ch = 0; ch < c; ch++)
            {
                invStd[ch] = 1 / Math.Sqrt(variance[ch] + eps);
            }

            if (runningMean is not null && runningVar is not null)
            {
                UpdateRunning<T>(runningMean, runningVar, mean, variance, (double)n * s, factor);
            }
        }
        else
        {
            for (var ch = 0; ch < c; ch++)
            {
                mean[ch] = runningMean!.GetFlat(runningMean.Offset + ch * runningMean.StridesArray[0]);
                invStd[ch] = 1 / Math.Sqrt(runningVar!.GetFlat(runningVar.Offset + ch * runningVar.StridesArray[0]) + eps);
            }
        }

        BatchNormKernels.Normalize<T>(xs, n, c, s, mean, invStd, w, b, TensorSpans.Of<T>(y));
    }

    // r ← (1 − f)·r + f·s; the variance estimate is the unbiased one, as PyTorch keeps it.
    private static void UpdateRunning<T>(Tensor runningMean, Tensor runningVar, double[] mean, double[] variance, double m, double factor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var unbiased = m / (m - 1);
        for (var ch = 0; ch < mean.Length; ch++)
        {
            var at = runningMean.Offset + ch * runningMean.StridesArray[0];
            runningMean.SetFlat(at, (1 - factor) * runningMean.GetFlat(at) + factor * mean[ch]);
            at = runningVar.Offset + ch * runningVar.StridesArray[0];
            runningVar.SetFlat(at, (1 - factor) * runningVar.GetFlat(at) + factor * variance[ch] * unbiased);
        }

        runningMean.BumpVersion();
        runningVar.BumpVersion();
    }

    /// <summary>
    /// The backward with tensor ops (for <c>createGraph</c>), same formulas as <see cref="BatchNormKernels.Backward{T}"/>:
    /// returns (dx, dw, db), each null when not asked for.
    /// </summary>
    internal static (Tensor? Dx, Tensor? Dw, Tensor? Db) BackwardComposite(Tensor x, Tensor? weight, Tensor g, double[] mean,
        double[] invStd, bool useBatchStatistics, double eps, bool wantX, bool wantW, bool wantB)
    {
        var n = x.ShapeArray[0];
        var c = x.ShapeArray[1];
        var xr = x.Reshape(n, c, -1);
        var gr = g.Reshape(n, c, -1);
        Tensor mu, istd;
        if (useBatchStatistics)
        {
            mu = xr.Mean([0, 2], keepDim: true);
            var centred = xr - mu;
            istd = 1.0 / ((centred * centred).Mean([0, 2], keepDim: true) + eps).Sqrt();
        }
        else
        {
            mu = Tensor.FromArray(mean, [1, c, 1]).To(x.DType);
            istd = Tensor.FromArray(invStd, [1, c, 1]).To(x.DType);
        }

        var xhat = (xr - mu) * istd;
        Tensor? dx = null, dw = null, db = null;
        if (wantX)
        {
            var scale = weight is null ? istd : weight.Reshape(1, c, 1) * istd;
            var inner = useBatchStatistics
                ? gr - gr.Mean([0, 2], keepDim: true) - xhat * (gr * xhat).Mean([0, 2], keepDim: true)
                : gr;
            dx = (scale * inner).Reshape(x.ShapeArray);
        }

        if (wantW)
        {
            dw = (gr * xhat).Sum([0, 2]);
        }

        if (wantB)
        {
            db = gr.Sum([0, 2]);
        }

        return (dx, dw, db);
    }

    private sealed class BatchNormNode : Node
    {
        private readonly SavedTensor _x;
        private readonly SavedTensor? _w;
        private readonly int _wIndex;
        private readonly int _bIndex;
        private readonly double[] _mean;
        private readonly double[] _invStd;
        private readonly bool _batchStatistics;
        private readonly double _eps;

        public BatchNormNode(Tensor x, Tensor? w, Tensor? b, double[] mean, double[] invStd, bool batchStatistics, double eps)
            : base(Inputs(x, w, b))
        {
            _x = new SavedTensor(x);
            _w = w is null ? null : new SavedTensor(w);
            _wIndex = w is null ? -1 : 1;
            _bIndex = b is null ? -1 : w is null ? 1 : 2;
            _mean = mean;
            _invStd = invStd;
            _batchStatistics = batchStatistics;
            _eps = eps;
        }

        public override string Name => "batch_norm";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var x = _x.Get(this);
            var w = _w?.Get(this);
            var wantX = NeedsGrad(0);
            var wantW = _wIndex >= 0 && NeedsGrad(_wIndex);
            var wantB = _bIndex >= 0 && NeedsGrad(_bIndex);
            if (GradMode.Enabled)
            {
                // createGraph: the same rule from recorded ops, so it can be differentiated again.
                var (cdx, cdw, cdb) = BackwardComposite(x, w, g, _mean, _invStd, _batchStatistics, _eps, wantX, wantW, wantB);
                grads[0] = cdx;
                if (wantW)
                {
                    grads[_wIndex] = cdw;
                }

                if (wantB)
                {
                    grads[_bIndex] = cdb;
                }

                return;
            }

            var gc = TensorSpans.Contiguous(g, out var temp);
            try
            {
                var dx = wantX ? Tensor.Empty(x.ShapeArray, x.DType) : null;
                var c = x.ShapeArray[1];
                var dw = wantW ? Tensor.Empty([c], x.DType) : null;
                var db = wantB ? Tensor.Empty([c], x.DType) : null;
                if (x.DType == DType.Float32)
                {
                    Run<float>(x, w, gc, dx, dw, db);
                }
                else
                {
                    Run<double>(x, w, gc, dx, dw, db);
                }

                grads[0] = dx;
                if (wantW)
                {
                    grads[_wIndex] = dw;
                }

                if (wantB)
                {
                    grads[_bIndex] = db;
                }
            }
            finally
            {
                temp?.Dispose();
            }
        }

        private static Tensor[] Inputs(Tensor x, Tensor? w, Tensor? b) =>
            (w, b) switch
            {
                (null, null) => [x],
                (null, not null) => [x, b],
                (not null, null) => [x, w],
                _ => [x, w, b],
            };

        private void Run<T>(Tensor x, Tensor? w, Tensor g, Tensor? dx, Tensor? dw, Tensor? db)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var n = x.ShapeArray[0];
            var c = x.ShapeArray[1];
            var s = c == 0 || n == 0 ? 0 : x.Numel / (n * c);
            using var wTemp = w is null || w.IsContiguous ? null : w.CopyContiguousTemp();
            var ws = w is null ? default : (ReadOnlySpan<T>)TensorSpans.Of<T>(wTemp ?? w);
            var dxs = dx is null ? default : TensorSpans.Of<T>(dx);
            var dws = dw is null ? default : TensorSpans.Of<T>(dw);
            var dbs = db is null ? default : TensorSpans.Of<T>(db);
            if (x.Numel == 0)
            {
                dws.Clear();
                dbs.Clear();
                return;
            }

            BatchNormKernels.Backward<T>(TensorSpans.Of<T>(x), TensorSpans.Of<T>(g), n, c, s, _mean, _invStd, ws, _batchStatistics,
                dxs, dws, dbs);
        }
    }
}
