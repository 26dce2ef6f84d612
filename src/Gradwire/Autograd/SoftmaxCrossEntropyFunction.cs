using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Autograd;

/// <summary>
/// Softmax cross-entropy on class indices fused into one tape node, stable for any logits, with PyTorch's options.
/// Per row i with <c>log pᵢⱼ = zᵢⱼ − lseᵢ</c>, <c>lse = m + ln Σ e^{z−m}</c> (m = max z, nothing overflows):
/// <c>ℓᵢ = (1−ε)·w[yᵢ]·(−log p_{i,yᵢ}) + (ε/C)·Σⱼ wⱼ·(−log pᵢⱼ)</c> (ε the label smoothing, w the class weights,
/// 1 without), and <c>ℓᵢ = 0</c> for a row whose target is the ignore index. Reduced as the weighted mean
/// <c>Σ ℓᵢ / Σ w[yᵢ]</c> over kept rows, the sum, or per row.
/// Backward: <c>∂ℓᵢ/∂zᵢₖ = aᵢ·pᵢₖ − qᵢₖ</c> with <c>qᵢₖ = (1−ε)·w[yᵢ]·[k = yᵢ] + (ε/C)·wₖ</c> and <c>aᵢ = Σₖ qᵢₖ</c>,
/// the softmax recomputed from the saved logsumexp (one exp per element, no probabilities kept between the passes).
/// </summary>
internal static class SoftmaxCrossEntropyFunction
{
    /// <param name="logits">[N, C], any strides.</param>
    /// <param name="targets">N class indices, each in 0..C−1 or equal to <paramref name="ignoreIndex"/> (checked by the caller).</param>
    /// <param name="weights">C class weights, or null.</param>
    /// <param name="ignoreIndex">Rows with this target contribute nothing.</param>
    /// <param name="reduction">Mean, Sum or None (a [N] result).</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    public static Tensor Apply(Tensor logits, int[] targets, double[]? weights, int ignoreIndex, Reduction reduction, double labelSmoothing)
    {
        var rows = logits.ShapeArray[0];
        var classes = logits.ShapeArray[1];
        var options = new Options(targets, weights, ignoreIndex, reduction, labelSmoothing, classes);
        var z = logits.IsContiguous ? logits : logits.CopyContiguousTemp();
        var temp = ReferenceEquals(z, logits) ? null : z;
        // Per row: the max m and ln Σ e^{z−m}, kept apart: in float32, m + ln Σ would round away the small part.
        var lse = new double[2 * rows];
        var perRow = new double[rows];
        try
        {
            if (z.DType == DType.Float32)
            {
                Forward<float>(z, options, lse, perRow);
            }
            else
            {
                Forward<double>(z, options, lse, perRow);
            }
        }
        catch
        {
            temp?.Dispose();
            throw;
        }

        Tensor output;
        if (reduction == Reduction.None)
        {
            output = Tensor.FromArray(perRow, new Shape(rows));
            if (logits.DType != DType.Float64)
            {
                output = output.To(logits.DType, record: false);
            }
        }
        else
        {
            double total = 0;
            for (var i = 0; i < rows; i++)
            {
                total += perRow[i];
            }

            output = Tensor.Scalar(reduction == Reduction.Mean ? total / options.KeptWeight : total, logits.DType);
        }

        if (GradMode.Enabled && logits.RequiresGrad)
        {
            // The node keeps the contiguous logits for the fast backward (the temporary, if one was needed, lives
            // with the node) and the logits themselves for the create-graph rule, which must be recorded from them.
            output.SetGradFn(new CrossEntropyNode(logits, z, options, lse));
        }
        else
        {
            temp?.Dispose();
        }

        return output;
    }

    private static void Forward<T>(Tensor z, Options o, double[] lse, double[] perRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var classes = o.Classes;
        var data = new ReadOnlySpan<T>(z.Data<T>(), z.Offset, z.Numel);
        var scratch = ArrayPool<T>.Shared.Rent(classes);
        try
        {
            for (var i = 0; i < perRow.Length; i++)
            {
                var row = data.Slice(i * classes, classes);
                var m = TensorPrimitives.Max<T>(row);
                var s = scratch.AsSpan(0, classes);
                TensorPrimitives.Subtract(row, m, s);
                TensorPrimitives.Exp<T>(s, s);
                var logSum = Math.Log(double.CreateTruncating(TensorPrimitives.Sum<T>(s)));
                lse[2 * i] = double.CreateTruncating(m);
                lse[2 * i + 1] = logSum;
                var y = o.Targets[i];
                if (y == o.IgnoreIndex)
                {
                    continue;
                }

                var value = double.CreateTruncating(m) + logSum;
                var loss = (1 - o.Smoothing) * o.Weight(y) * (value - double.CreateTruncating(row[y]));
                if (o.Smoothing > 0)
                {
                    double smooth = 0;
                    for (var j = 0; j < classes; j++)
                    {
                        smooth += o.Weight(j) * (value - double.CreateTruncating(row[j]));
                    }

                    loss += o.Smoothing / classes * smooth;
                }

                perRow[i] = loss;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    /// <summary>The options, checked and precomputed once: kept-row weight sum Σ w[yᵢ] and Σⱼ wⱼ.</summary>
    private sealed class Options
    {
        public Options(int[] targets, double[]? weights, int ignoreIndex, Reduction reduction, double smoothing, int classes)
        {
            Targets = targets;
            Weights = weights;
            IgnoreIndex = ignoreIndex;
            Reduction = reduction;
            Smoothing = smoothing;
            Classes = classes;
            foreach (var y in targets)
            {
                if (y != ignoreIndex)
                {
                    KeptWeight += Weight(y);
                }
            }

            for (var j = 0; j < classes; j++)
            {
                WeightSum += Weight(j);
            }
        }

        public int[] Targets { get; }

        public double[]? Weights { get; }

        public int IgnoreIndex { get; }

        public Reduction Reduction { get; }

        public double Smoothing { get; }

        public int Classes { get; }

        /// <summary>Σ w[yᵢ] over the rows not ignored: the mean's denominator (NaN loss when 0, as PyTorch).</summary>
        public double KeptWeight { get; }

        /// <summary>Σⱼ wⱼ (C without weights).</summary>
        public double WeightSum { get; }

        public double Weight(int c) => Weights is null ? 1 : Weights[c];

        /// <summary>The backward's constant <c>q</c> ([N, C]) for the create-graph rule, in <paramref name="dtype"/>.</summary>
        public Tensor Coefficients(DType dtype)
        {
            var q = new double[Targets.Length * Classes];
            for (var i = 0; i < Targets.Length; i++)
            {
                var y = Targets[i];
                if (y == IgnoreIndex)
                {
                    continue;
                }

                for (var k = 0; k < Classes; k++)
                {
                    q[i * Classes + k] = Smoothing / Classes * Weight(k);
                }

                q[i * Classes + y] += (1 - Smoothing) * Weight(y);
            }

            var t = Tensor.FromArray(q, new Shape(Targets.Length, Classes));
            return dtype == DType.Float64 ? t : t.To(dtype, record: false);
        }
    }

    private sealed class CrossEntropyNode(Tensor logits, Tensor z, Options options, double[] lse) : Node(logits)
    {
        private readonly SavedTensor _logits = new(logits);
        private readonly SavedTensor _z = new(z);

        public override string Name => "cross_entropy";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            if (GradMode.Enabled)
            {
                // createGraph: the same formula from recorded ops, differentiable again. NOTE: built from the logits
                // the op received, never from the contiguous copy z: z is untracked, so a rule on it would give a
                // silently zero second derivative whenever the logits were a view (transposed, column slice).
                var x = _logits.Get(this);
                var q = options.Coefficients(x.DType);
                var a = q.Sum(1, keepDim: true);
                var local = x.Softmax(1) * a - q;
                grads[0] = options.Reduction switch
                {
                    Reduction.None => local * g.Reshape(-1, 1),
                    Reduction.Mean => local * (g * (1 / options.KeptWeight)),
                    _ => local * g,
                };
                return;
            }

            var saved = _z.Get(this);
            var dz = Tensor.Empty(saved.ShapeArray, saved.DType);
            if (saved.DType == DType.Float32)
            {
                BackwardKernel<float>(saved, dz, g);
            }
            else
            {
                BackwardKernel<double>(saved, dz, g);
            }

            grads[0] = dz;
        }

        private void BackwardKernel<T>(Tensor saved, Tensor dz, Tensor g)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var o = options;
            var classes = o.Classes;
            var zs = new ReadOnlySpan<T>(saved.Data<T>(), saved.Offset, saved.Numel);
            var ds = new Span<T>(dz.Data<T>(), dz.Offset, dz.Numel);
            var perRow = o.Reduction == Reduction.None ? g.ToDoubleArray() : null;
            var scale = perRow is null ? g.Item() * (o.Reduction == Reduction.Mean ? 1 / o.KeptWeight : 1) : 0;
            var smooth = o.Smoothing / classes;
            for (var i = 0; i < o.Targets.Length; i++)
            {
                var row = ds.Slice(i * classes, classes);
                var y = o.Targets[i];
                if (y == o.IgnoreIndex)
                {
                    row.Clear();
                    continue;
                }

                var s = perRow is null ? scale : perRow[i];
                var wy = (1 - o.Smoothing) * o.Weight(y);
                var a = wy + smooth * o.WeightSum;
                // e^{z − m − ln Σ}: z − m is exact, ln Σ is small, so nothing large is rounded.
                TensorPrimitives.Subtract(zs.Slice(i * classes, classes), T.CreateTruncating(lse[2 * i]), row);
                TensorPrimitives.Subtract(row, T.CreateTruncating(lse[2 * i + 1]), row);
                TensorPrimitives.Exp<T>(row, row);
                TensorPrimitives.Multiply(row, T.CreateTruncating(a * s), row);
                if (smooth > 0)
                {
                    for (var k = 0; k < classes; k++)
                    {
                        row[k] -= T.CreateTruncating(smooth * o.Weight(k) * s);
                    }
                }

                row[y] -= T.CreateTruncating(wy * s);
            }
        }
    }
}
