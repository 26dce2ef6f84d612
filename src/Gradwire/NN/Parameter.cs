using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A trainable tensor of a <see cref="Module"/>: a leaf with <see cref="Tensor.RequiresGrad"/> set, that
/// optimizers update in place. <see cref="Decay"/> says whether weight decay and L1/L2 regularization apply to
/// it: true for weights, false for biases (the guide's regularization pulls on a and b, never on c).
/// </summary>
public sealed class Parameter
{
    /// <summary>Wraps <paramref name="value"/> (taken out of any <see cref="TensorScope"/>, marked RequiresGrad).</summary>
    public Parameter(Tensor value, bool decay = true)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsLeaf)
        {
            throw new ArgumentException(
                $"Parameter: the tensor (shape {value.Shape}) was computed by '{value.Op}'; a parameter must be a leaf (use Detach()).");
        }

        if (!value.IsContiguous)
        {
            throw new ArgumentException($"Parameter: the tensor (shape {value.Shape}) must be contiguous (call Contiguous() first).");
        }

        value.DetachFromScope();
        value.RequiresGrad = true;
        Value = value;
        Decay = decay;
    }

    /// <summary>The tensor itself (a leaf that requires grad).</summary>
    public Tensor Value { get; }

    /// <summary>The accumulated gradient, or null before the first backward.</summary>
    public Tensor? Grad => Value.Grad;

    /// <summary>Whether weight decay and L1/L2 regularization apply (false for biases).</summary>
    public bool Decay { get; }

    /// <summary>The shape of <see cref="Value"/>.</summary>
    public Shape Shape => Value.Shape;

    /// <summary>Number of elements.</summary>
    public int Numel => Value.Numel;

    /// <summary>The parameter's tensor.</summary>
    public static implicit operator Tensor(Parameter parameter) => parameter.Value;

    /// <summary>Shape and dtype, e.g. <c>Parameter [256, 784] float32</c>.</summary>
    public override string ToString() => $"Parameter {Value.Shape} {Value.DType.Name()}";
}
