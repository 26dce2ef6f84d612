using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Kernels;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Autograd;

/// <summary>
/// The fully connected layer as one tape node: <c>y = x · Wᵀ + b</c> with <c>W</c> of shape [out, in]
/// (PyTorch's layout) and <c>x</c> of shape [..., in]. Backward, the guide's gate read in matrices:
/// <c>dx = dy · W</c>, <c>dW = dyᵀ · x</c>, <c>db = Σ_rows dy</c>.
/// </summary>
/// <remarks>
/// One node instead of matmul + transpose + add saves two tape nodes and two temporaries per layer. The bias
/// is written first and the GEMM accumulates onto it (beta = 1). All three products go through
/// <see cref="Kernels.Gemm"/>, whose small path serves the tiny nets of the guide (the XOR net: 4×2×8) without
/// packing or threads: one kernel per job. Under <c>createGraph</c> the backward is built from recorded ops, so
/// second derivatives work.
/// </remarks>
internal static class LinearFunction
{
    public static Tensor Apply(Tensor x, Tensor weight, Tensor? bias)
    {
        if (weight.Rank != 2)
        {
            throw new ArgumentException($"linear: the weight must have shape [out, in], got {weight.Shape}.");
        }

        var outFeatures = weight.ShapeArray[0];
        var inFeatures = weight.ShapeArray[1];
        if (x.Rank == 0 || x.ShapeArray[^1] != inFeatures)
        {
            throw new ArgumentException(
                $"linear: input of shape {x.Shape} does not fit a layer with {inFeatures} inputs (weight {weight.Shape}); " +
                $"the input's last axis must be {inFeatures}.");
        }

        if (x.DType != weight.DType)
        {
            throw new ArgumentException($"linear: the input is {x.DType.Name()} but the weight is {weight.DType.Name()}.");
        }

        if (bias is not null && (bias.Rank != 1 || bias.ShapeArray[0] != outFeatures || bias.DType != weight.DType))
        {
            throw new ArgumentException($"linear: the bias has shape {bias.Shape} ({bias.DType.Name()}); expected [{outFeatures}] ({weight.DType.Name()}).");
        }

        x = x.Contiguous();
        var outShape = (int[])x.ShapeArray.Clone();
        outShape[^1] = outFeatures;
        var y = Tensor.Empty(outShape, x.DType);
        var rows = inFeatures == 0 ? 0 : x.Numel / inFeatures;
        if (x.DType == DType.Float32)
        {
            Forward<float>(x, weight, bias, y, rows, inFeatures, outFeatures);
        }
        else
        {
            Forward<double>(x, weight, bias, y, rows, inFeatures, outFeatures);
        }

        if (bias is null) Backends.Dispatch.Record("linear", x, weight, y);
        else Backends.Dispatch.Record("linear", x, weight, bias, y);

        if (GradMode.Enabled && (x.RequiresGrad || weight.RequiresGrad || (bias?.RequiresGrad ?? false)))
        {
            y.SetGradFn(bias is null ? new LinearNode(x, weight) : new LinearNode(x, weight, bias));
        }

        return y;
    }

    private static void Forward<T>(Tensor x, Tensor weight, Tensor? bias, Tensor y, int rows, int inFeatures, int outFeatures)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ys = TensorSpans.Of<T>(y);
        if (ys.Length == 0)
        {
            return;
        }

        using var wTemp = weight.IsContiguous ? null : weight.CopyContiguousTemp();
        var w = TensorSpans.Of<T>(wTemp ?? weight);
        var xs = TensorSpans.Of<T>(x);
        if (bias is null)
        {
            ys.Clear();
        }
        else
        {
            var b = TensorSpans.Of<T>(bias);
            for (var r = 0; r < rows; r++)
            {
                b.CopyTo(ys.Slice(r * outFeatures, outFeatures));
            }
        }

        if (inFeatures == 0)
        {
            return; // an empty sum: y is the bias
        }

        // y[r, o] += Σ_i x[r, i] · w[o, i]
        Gemm<T>(false, true, rows, outFeatures, inFeatures, xs, inFeatures, w, inFeatures, T.One, ys, outFeatures);
    }

    private static void Gemm<T>(bool ta, bool tb, int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Kernels.Gemm.Multiply(ta, tb, m, n, k, 1f,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(a), lda,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(b), ldb, float.CreateTruncating(beta),
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(c), ldc, Parallelism.MaxThreads);
        }
        else
        {
            Kernels.Gemm.Multiply(ta, tb, m, n, k, 1.0,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(a), lda,
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(b), ldb, double.CreateTruncating(beta),
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(c), ldc, Parallelism.MaxThreads);
        }
    }

    private sealed class LinearNode : Node
    {
        private readonly SavedTensor _x;
        private readonly SavedTensor _w;
        private readonly bool _hasBias;

        public LinearNode(Tensor x, Tensor w)
            : base(x, w)
        {
            _x = new SavedTensor(x);
            _w = new SavedTensor(w);
        }

        public LinearNode(Tensor x, Tensor w, Tensor b)
            : base([x, w, b])
        {
            _x = new SavedTensor(x);
            _w = new SavedTensor(w);
            _hasBias = true;
        }

        public override string Name => "linear";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var x = _x.Get(this);
            var w = _w.Get(this);
            if (GradMode.Enabled)
            {
                // createGraph: the same rule from recorded ops, so it can be differentiated again.
                var g2 = g.Reshape(-1, w.ShapeArray[0]);
                var x2 = x.Reshape(-1, w.ShapeArray[1]);
                if (NeedsGrad(0))
                {
                    grads[0] = g2.MatMul(w).Reshape(x.ShapeArray);
                }

                if (NeedsGrad(1))
                {
                    grads[1] = g2.MT.MatMul(x2);
                }

                if (_hasBias && NeedsGrad(2))
                {
                    grads[2] = g2.Sum(0);
                }

                return;
            }

            var gc = TensorSpans.Contiguous(g, out var temp);
            try
            {
                if (g.DType == DType.Float32)
                {
                    Backward<float>(x, w, gc, grads);
                }
                else
                {
                    Backward<double>(x, w, gc, grads);
                }
            }
            finally
            {
                temp?.Dispose();
            }
        }

        private void Backward<T>(Tensor x, Tensor w, Tensor g, Span<Tensor?> grads)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var outFeatures = w.ShapeArray[0];
            var inFeatures = w.ShapeArray[1];
            var rows = inFeatures == 0 ? 0 : x.Numel / inFeatures;
            var gs = TensorSpans.Of<T>(g);
            var xs = TensorSpans.Of<T>(x);
            using var wTemp = w.IsContiguous ? null : w.CopyContiguousTemp();
            var ws = TensorSpans.Of<T>(wTemp ?? w);
            if (NeedsGrad(0))
            {
                // dx[r, i] = Σ_o dy[r, o] · w[o, i]
                var dx = Tensor.Empty(x.ShapeArray, x.DType);
                var d = TensorSpans.Of<T>(dx);
                if (outFeatures == 0)
                {
                    d.Clear(); // a sum of no terms; the GEMM is not asked for k = 0
                }
                else if (d.Length > 0)
                {
                    Gemm<T>(false, false, rows, inFeatures, outFeatures, gs, outFeatures, ws, inFeatures, T.Zero, d, inFeatures);
                }

                grads[0] = dx;
            }

            if (NeedsGrad(1))
            {
                // dW[o, i] = Σ_r dy[r, o] · x[r, i]
                var dw = Tensor.Empty(w.ShapeArray, w.DType);
                var d = TensorSpans.Of<T>(dw);
                if (rows == 0)
                {
                    d.Clear(); // no rows: a sum of no terms
                }
                else if (d.Length > 0)
                {
                    Gemm<T>(true, false, outFeatures, inFeatures, rows, gs, outFeatures, xs, inFeatures, T.Zero, d, inFeatures);
                }

                grads[1] = dw;
            }

            if (_hasBias && NeedsGrad(2))
            {
                var db = Tensor.Empty([outFeatures], w.DType);
                var d = TensorSpans.Of<T>(db);
                d.Clear();
                for (var r = 0; r < rows; r++)
                {
                    TensorPrimitives.Add(d, gs.Slice(r * outFeatures, outFeatures), d);
                }

                grads[2] = db;
            }
        }
    }
}
