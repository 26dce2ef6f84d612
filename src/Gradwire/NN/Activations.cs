using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary><c>max(0, x)</c>, element-wise.</summary>
public sealed class Relu : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary><c>x</c> for x &gt; 0, else <c>slope · x</c>.</summary>
public sealed class LeakyRelu(double negativeSlope = 0.01) : Module<Tensor, Tensor>
{
    /// <summary>The slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);

    /// <inheritdoc />
    protected override string Describe() => $"LeakyRelu({NegativeSlope})";
}

/// <summary><c>σ(x) = 1 / (1 + e⁻ˣ)</c>, element-wise.</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary><c>tanh(x)</c>, element-wise.</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>
/// GELU as PyTorch's <c>nn.GELU(approximate)</c>: exact <c>0.5x(1 + erf(x/√2))</c> by default, or the tanh
/// form <c>0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))</c> with <c>approximate: "tanh"</c>.
/// </summary>
public sealed class Gelu : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer; <paramref name="approximate"/> is <c>"none"</c> (exact) or <c>"tanh"</c>.</summary>
    public Gelu(string approximate = "none")
    {
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException(
                $"GELU: approximate must be \"none\" (exact erf form) or \"tanh\", got \"{approximate}\".", nameof(approximate));
        }

        Approximate = approximate;
    }

    /// <summary><c>"none"</c> (exact erf form) or <c>"tanh"</c>.</summary>
    public string Approximate { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Gelu(Approximate);
}

/// <summary><c>softmax(x)_i = e^{x_i} / Σ_j e^{x_j}</c> over <see cref="Axis"/> (for probabilities; train on logits with a fused loss).</summary>
public sealed class Softmax(int axis = -1) : Module<Tensor, Tensor>
{
    /// <summary>The axis normalized over.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input.Softmax(Axis);
}

/// <summary>Passes its input through unchanged.</summary>
public sealed class Identity : Module<Tensor, Tensor>
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input;
}
