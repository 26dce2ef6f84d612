using System.Numerics;
using System.Numerics.Tensors;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Autograd;

/// <summary>
/// Mean squared error as one tape node: <c>L = (1/n) Σ (pᵢ − tᵢ)²</c>; backward <c>∂L/∂p = g · 2(p − t)/n</c>
/// and <c>∂L/∂t = −∂L/∂p</c>. One node instead of sub, square, sum and scale: the tiny nets of the guide are
/// dominated by per-op costs. Under <c>createGraph</c> the backward is built from recorded ops.
/// </summary>
internal static class MseFunction
{
    public static Tensor Apply(Tensor prediction, Tensor target)
    {
        if (prediction.Shape != target.Shape)
        {
            if (prediction.Numel != target.Numel)
            {
                throw new ArgumentException(
                    $"mse: prediction {prediction.Shape} and target {target.Shape} have different sizes; they must have the same shape.");
            }

            target = target.Reshape(prediction.ShapeArray);
        }

        if (prediction.DType != target.DType)
        {
            throw new ArgumentException($"mse: the prediction is {prediction.DType.Name()} but the target is {target.DType.Name()}.");
        }

        if (prediction.Numel == 0)
        {
            throw new ArgumentException($"mse: empty tensors ({prediction.Shape}); the mean of nothing is undefined.");
        }

        var p = TensorSpans.Contiguous(prediction, out var pTemp);
        var t = TensorSpans.Contiguous(target, out var tTemp);
        var needsGrad = GradMode.Enabled && (prediction.RequiresGrad || target.RequiresGrad);

        // The difference p − t is kept for backward (it is the gradient up to a scale).
        var diff = Tensor.Empty(prediction.ShapeArray, prediction.DType);
        var sum = p.DType == DType.Float32 ? Difference<float>(p, t, diff) : Difference<double>(p, t, diff);
        pTemp?.Dispose();
        tTemp?.Dispose();
        var loss = Tensor.Scalar(sum / prediction.Numel, prediction.DType);
        if (needsGrad)
        {
            loss.SetGradFn(new MseNode(prediction, target, diff));
        }
        else
        {
            diff.Dispose();
        }

        return loss;
    }

    private static double Difference<T>(Tensor p, Tensor t, Tensor diff)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = TensorSpans.Of<T>(diff);
        TensorPrimitives.Subtract<T>(TensorSpans.Of<T>(p), TensorSpans.Of<T>(t), d);
        return double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(d));
    }

    private sealed class MseNode(Tensor prediction, Tensor target, Tensor diff) : Node(prediction, target)
    {
        public override string Name => "mse";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var n = diff.Numel;
            if (GradMode.Enabled)
            {
                var d = Input(0) - Input(1).Reshape(Input(0).ShapeArray);
                var gp = d * (2.0 / n) * g;
                grads[0] = NeedsGrad(0) ? gp : null;
                grads[1] = NeedsGrad(1) ? (-gp).Reshape(Input(1).ShapeArray) : null;
                return;
            }

            var scale = 2.0 / n * g.Item();
            if (NeedsGrad(0))
            {
                grads[0] = Scaled(scale, Input(0).ShapeArray);
            }

            if (NeedsGrad(1))
            {
                grads[1] = Scaled(-scale, Input(1).ShapeArray);
            }
        }

        private Tensor Scaled(double scale, int[] shape)
        {
            var result = Tensor.Empty(shape, diff.DType);
            if (diff.DType == DType.Float32)
            {
                TensorPrimitives.Multiply(TensorSpans.Of<float>(diff), (float)scale, TensorSpans.Of<float>(result));
            }
            else
            {
                TensorPrimitives.Multiply(TensorSpans.Of<double>(diff), scale, TensorSpans.Of<double>(result));
            }

            return result;
        }
    }
}
