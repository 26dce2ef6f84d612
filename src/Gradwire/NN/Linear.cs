using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Fully connected layer <c>y = x · Wᵀ + b</c>, W of shape [out, in] (PyTorch's layout, so state dictionaries
/// line up), b of shape [out]. Input [..., in], output [..., out]. One tape node (see <c>LinearFunction</c>).
/// </summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inFeatures">Inputs per sample.</param>
    /// <param name="outFeatures">Outputs per sample.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="bias">Whether the layer adds a bias.</param>
    /// <param name="init">How the weights are drawn.</param>
    /// <param name="dtype">float32 (default) or float64 (gradient checks).</param>
    public Linear(int inFeatures, int outFeatures, Generator generator, bool bias = true,
        Initialization init = Initialization.Default, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear: sizes must be ≥ 1, got {inFeatures} → {outFeatures}.");
        }

        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Shape shape = new(outFeatures, inFeatures);
        var bound = 1 / Math.Sqrt(inFeatures);
        var w = init switch
        {
            Initialization.Default => Tensor.Uniform(shape, generator, -bound, bound, dtype),
            Initialization.KaimingUniform => Tensor.KaimingUniform(shape, generator, dtype: dtype),
            Initialization.KaimingNormal => Tensor.KaimingNormal(shape, generator, dtype: dtype),
            Initialization.XavierUniform => Tensor.XavierUniform(shape, generator, dtype: dtype),
            Initialization.XavierNormal => Tensor.XavierNormal(shape, generator, dtype: dtype),
            Initialization.SmallNormal => Tensor.Normal(shape, generator, 0, 0.01, dtype),
            _ => throw new ArgumentOutOfRangeException(nameof(init), init, "Linear: unknown initialization."),
        };
        Weight = RegisterParameter("weight", w);
        if (bias)
        {
            var b = init == Initialization.Default
                ? Tensor.Uniform(new Shape(outFeatures), generator, -bound, bound, dtype)
                : Tensor.Zeros(new Shape(outFeatures), dtype);
            Bias = RegisterParameter("bias", b, decay: false);
        }
    }

    /// <summary>Inputs per sample.</summary>
    public int InFeatures { get; }

    /// <summary>Outputs per sample.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight, [out, in].</summary>
    public Parameter Weight { get; }

    /// <summary>The bias, [out], or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => LinearFunction.Apply(input, Weight.Value, Bias?.Value);

    /// <inheritdoc />
    protected override string Describe() => $"Linear({InFeatures} → {OutFeatures}{(Bias is null ? ", no bias" : "")})";
}
