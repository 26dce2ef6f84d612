using System.Numerics;
using System.Numerics.Tensors;
using Tensor = Gradwire.Tensors.Tensor;
using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Mean squared error as one tape node: <c>L = (1/n) Σ (pᵢ − tᵢ)²</c>; backward <c>∂L/∂p = g · 2(p − t)/n</c>
/// (and its negative for the target when it requires grad). One node instead of sub, square, sum and scale:
/// the tiny nets of the guide are dominated by per-op costs.
/// </summary>
internal static class MseFunction
{
    public static Tensor Apply(Tensor prediction, Tensor target)
    {
        if (prediction.Shape != target.Shape)
        {
            if (prediction.Size != target.Size)
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

        if (prediction.Size == 0)
        {
            throw new ArgumentException($"mse: empty tensors ({prediction.Shape}); the mean of nothing is undefined.");
        }

        var diff = prediction - target;
        var d = TensorSpans.Contiguous(diff, out var temp);
        double sum = d.DType == DType.Float32 ? SumOfSquares<float>(d) : SumOfSquares<double>(d);
        temp?.Dispose();
        var loss = Tensor.Scalar(sum / prediction.Size, prediction.DType);
        if (GradMode.Enabled && diff.RequiresGrad)
        {
            loss.SetGradFn(new MseNode(diff));
        }

        return loss;
    }

    private static double SumOfSquares<T>(Tensor d)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(TensorSpans.Of<T>(d)));

    private sealed class MseNode(Tensor diff) : Node(diff)
    {
        private readonly SavedTensor _diff = new(diff);

        public override string Name => "mse";

        public override void Backward(Tensor g, Span<Tensor?> grads)
        {
            var diff = _diff.Get(this);
            grads[0] = GradMode.Enabled ? diff * (2.0 / diff.Size) * g : diff * (2.0 / diff.Size * g.Item());
        }
    }
}
