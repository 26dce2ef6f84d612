using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Penalties on the weights, added to the data loss. Like the guide's SVM (whose regularization pulls a and b
/// towards zero but leaves the bias c alone), they skip parameters with <see cref="Parameter.Decay"/> false.
/// </summary>
public static class Regularization
{
    /// <summary><c>(λ/2) Σ w²</c> over the decaying parameters; its gradient is <c>λw</c> (CS231n's <c>0.5·reg·W²</c>).</summary>
    public static Tensor L2(IEnumerable<Parameter> parameters, double lambda) => Penalty(parameters, lambda, l1: false);

    /// <summary><c>λ Σ |w|</c> over the decaying parameters; its gradient is <c>λ·sign(w)</c> (sparse weights).</summary>
    public static Tensor L1(IEnumerable<Parameter> parameters, double lambda) => Penalty(parameters, lambda, l1: true);

    private static Tensor Penalty(IEnumerable<Parameter> parameters, double lambda, bool l1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(lambda >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Regularization: λ must be ≥ 0.");
        }

        Tensor? total = null;
        var dtype = DType.Float32;
        var first = true;
        foreach (var p in parameters)
        {
            if (first)
            {
                // With nothing to penalize the zero still has the model's dtype, so "loss + penalty" type-checks.
                dtype = p.Value.DType;
                first = false;
            }

            if (!p.Decay)
            {
                continue;
            }

            var term = l1 ? p.Value.Abs().Sum() : p.Value.Square().Sum() * 0.5;
            total = total is null ? term : total + term;
        }

        return total is null ? Tensor.Scalar(0, dtype) : total * lambda;
    }
}
