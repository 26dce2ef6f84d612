using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Optim;

/// <summary>Limits gradients before a step, in place (exploding gradients, recurrent.js's clipping).</summary>
public static class GradientClipping
{
    /// <summary>Clamps every gradient entry to [−<paramref name="clip"/>, <paramref name="clip"/>].</summary>
    public static void ClipByValue(IEnumerable<Parameter> parameters, double clip)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(clip > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(clip), clip, "ClipByValue: clip must be > 0.");
        }

        using var noGrad = Tensor.NoGrad();
        foreach (var p in parameters)
        {
            p.Grad?.ClampInPlace(-clip, clip);
        }
    }

    /// <summary>
    /// Scales all gradients together by <c>min(1, maxNorm / ‖g‖₂)</c>, ‖g‖₂ over every entry of every gradient;
    /// returns ‖g‖₂ before clipping (worth logging).
    /// </summary>
    public static double ClipByNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipByNorm: maxNorm must be > 0.");
        }

        var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToArray();
        double sum = 0;
        foreach (var p in list)
        {
            if (p.Grad is { } g)
            {
                sum += g.DType == DType.Float32
                    ? System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(g.Contiguous().AsReadOnlySpan<float>())
                    : System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(g.Contiguous().AsReadOnlySpan<double>());
            }
        }

        var norm = Math.Sqrt(sum);
        if (norm > maxNorm)
        {
            var scale = maxNorm / (norm + 1e-6);
            using var noGrad = Tensor.NoGrad();
            foreach (var p in list)
            {
                p.Grad?.MulInPlace(scale);
            }
        }

        return norm;
    }
}
