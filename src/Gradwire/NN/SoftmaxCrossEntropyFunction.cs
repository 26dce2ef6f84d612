using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Autograd;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.NN;

/// <summary>
/// Softmax cross-entropy fused into one tape node, stable for any logits:
/// forward <c>ℓᵢ = logsumexp(zᵢ) − z_{i,yᵢ}</c> with <c>logsumexp(z) = m + ln Σ e^{z−m}</c>, m = max z (nothing
/// overflows, even for logits of 1e4); the loss is the (weighted) mean <c>Σ wᵢ ℓᵢ / Σ wᵢ</c>.
/// Backward: <c>∂L/∂z_{ij} = g · wᵢ/Σw · (softmax(zᵢ)_j − [j = yᵢ])</c>, the softmax recomputed from the saved
/// logsumexp (one exp per element, no probabilities kept between the passes).
/// </summary>
internal static class SoftmaxCrossEntropyFunction
{
    public static Tensor Apply(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> classWeights)
    {
        if (logits.Rank != 2)
        {
            throw new ArgumentException(
                $"cross_entropy: logits must have shape [batch, classes], got {logits.Shape} (reshape to [-1, classes]).");
        }

        var rows = logits.ShapeArray[0];
        var classes = logits.ShapeArray[1];
        if (labels.Length != rows)
        {
            throw new ArgumentException($"cross_entropy: {labels.Length} labels for a batch of {rows} rows (logits {logits.Shape}).");
        }

        if (rows == 0)
        {
            throw new ArgumentException($"cross_entropy: the batch is empty (logits {logits.Shape}); the mean of no losses is undefined.");
        }

        if (!classWeights.IsEmpty && classWeights.Length != classes)
        {
            throw new ArgumentException($"cross_entropy: {classWeights.Length} class weights for {classes} classes.");
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"cross_entropy: label {labels[i]} at row {i} is out of range for {classes} classes (labels must be 0..{classes - 1}).");
            }
        }

        var z = TensorSpans.Contiguous(logits, out var temp);
        var labelCopy = labels.ToArray();
        var weights = classWeights.IsEmpty ? null : classWeights.ToArray();
        // Per row: the max m and ln Σ e^{z−m}, kept apart: in float32, m + ln Σ would round away the small part.
        var lse = new double[2 * rows];
        double loss;
        try
        {
            loss = z.DType == DType.Float32
                ? Forward<float>(z, labelCopy, weights, lse, classes)
                : Forward<double>(z, labelCopy, weights, lse, classes);
        }
        catch
        {
            temp?.Dispose();
            throw;
        }

        var output = Tensor.Scalar(loss, logits.DType);
        if (GradMode.Enabled && logits.RequiresGrad)
        {
            // The node keeps the contiguous logits (the temporary, if one was needed, lives with the node).
            output.SetGradFn(new CrossEntropyNode(logits, z, labelCopy, weights, lse));
        }
        else
        {
            temp?.Dispose();
        }

        return output;
    }

    private static double Forward<T>(Tensor z, int[] labels, float[]? weights, double[] lse, int classes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = TensorSpans.Of<T>(z);
        var scratch = ArrayPool<T>.Shared.Rent(classes);
        try
        {
            double total = 0, weightSum = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                var row = data.Slice(i * classes, classes);
                var m = TensorPrimitives.Max<T>(row);
                var s = scratch.AsSpan(0, classes);
                TensorPrimitives.Subtract(row, m, s);
                TensorPrimitives.Exp<T>(s, s);
                var logSum = Math.Log(double.CreateTruncating(TensorPrimitives.Sum<T>(s)));
                var value = double.CreateTruncating(m) + logSum;
                lse[2 * i] = double.CreateTruncating(m);
                lse[2 * i + 1] = logSum;
                var w = weights is null ? 1.0 : weights[labels[i]];
                total += w * (value - double.CreateTruncating(row[labels[i]]));
                weightSum += w;
            }

            return total / weightSum;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(scratch);
        }
    }

    private sealed class CrossEntropyNode(Tensor logits, Tensor z, int[] labels, float[]? weights, double[] lse) : Node(logits)
    {
        private readonly SavedTensor _z = new(z);

        public override string Name => "cross_entropy";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var z = _z.Get(this);
            if (GradMode.Enabled)
            {
                // createGraph: the same formula from recorded ops (softmax − onehot), differentiable again.
                var onehot = Tensor.OneHot(labels, z.ShapeArray[1], z.DType);
                var w = RowWeights(z.DType);
                grads[0] = (z.Softmax(1) - onehot) * w * g;
                return;
            }

            var dz = Tensor.Empty(z.ShapeArray, z.DType);
            if (z.DType == DType.Float32)
            {
                BackwardKernel<float>(z, dz, (float)g.Item());
            }
            else
            {
                BackwardKernel<double>(z, dz, g.Item());
            }

            grads[0] = dz;
        }

        private Tensor RowWeights(DType dtype)
        {
            var rows = labels.Length;
            var w = new double[rows];
            double sum = 0;
            for (var i = 0; i < rows; i++)
            {
                w[i] = weights is null ? 1 : weights[labels[i]];
                sum += w[i];
            }

            for (var i = 0; i < rows; i++)
            {
                w[i] /= sum;
            }

            var t = Tensor.FromArray(w, new Shape(rows, 1));
            return dtype == DType.Float64 ? t : t.To(dtype);
        }

        private void BackwardKernel<T>(Tensor z, Tensor dz, T g)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var classes = z.ShapeArray[1];
            var zs = TensorSpans.Of<T>(z);
            var ds = TensorSpans.Of<T>(dz);
            double weightSum = 0;
            for (var i = 0; i < labels.Length; i++)
            {
                weightSum += weights is null ? 1 : weights[labels[i]];
            }

            for (var i = 0; i < labels.Length; i++)
            {
                var row = ds.Slice(i * classes, classes);
                // e^{z − m − ln Σ}: z − m is exact, ln Σ is small, so nothing large is rounded.
                TensorPrimitives.Subtract(zs.Slice(i * classes, classes), T.CreateTruncating(lse[2 * i]), row);
                TensorPrimitives.Subtract(row, T.CreateTruncating(lse[2 * i + 1]), row);
                TensorPrimitives.Exp<T>(row, row);
                row[labels[i]] -= T.One;
                var scale = g * T.CreateTruncating((weights is null ? 1 : weights[labels[i]]) / weightSum);
                TensorPrimitives.Multiply(row, scale, row);
            }
        }
    }
}
