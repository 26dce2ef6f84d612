using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Layer normalization (as PyTorch's <c>nn.LayerNorm</c>): over the last axes given by
/// <see cref="NormalizedShape"/>, <c>y = (x − E[x]) / √(Var[x] + ε) · weight + bias</c> with the biased variance.
/// Parameters <c>weight</c> (ones) and <c>bias</c> (zeros) of shape <see cref="NormalizedShape"/> when
/// <see cref="ElementwiseAffine"/>. One fused tape node; its tensor-op twin serves createGraph.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="normalizedShape">The trailing shape normalized over (e.g. [d_model]).</param>
    /// <param name="eps">ε added to the variance (PyTorch's default 1e-5).</param>
    /// <param name="elementwiseAffine">Whether to learn a per-element weight and bias.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public LayerNorm(int[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || Array.Exists(normalizedShape, n => n < 1))
        {
            throw new ArgumentException($"LayerNorm: normalizedShape must be non-empty with sizes ≥ 1, got [{string.Join(", ", normalizedShape)}].", nameof(normalizedShape));
        }

        if (!(eps >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "LayerNorm: eps must be ≥ 0.");
        }

        var shape = (int[])normalizedShape.Clone();
        NormalizedShape = shape;
        Eps = eps;
        ElementwiseAffine = elementwiseAffine;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(new Shape(shape), dtype), decay: false);
            Bias = RegisterParameter("bias", Tensor.Zeros(new Shape(shape), dtype), decay: false);
        }
    }

    /// <summary>Creates the layer over the last axis of size <paramref name="normalizedSize"/>.</summary>
    public LayerNorm(int normalizedSize, double eps = 1e-5, bool elementwiseAffine = true, DType dtype = DType.Float32)
        : this([normalizedSize], eps, elementwiseAffine, dtype)
    {
    }

    /// <summary>The trailing shape normalized over.</summary>
    public IReadOnlyList<int> NormalizedShape { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Whether the layer has a weight and a bias.</summary>
    public bool ElementwiseAffine { get; }

    /// <summary>The weight (PyTorch's <c>weight</c>), or null.</summary>
    public Parameter? Weight { get; }

    /// <summary>The bias (PyTorch's <c>bias</c>), or null.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckShape(input);
        return LayerNormFunction.Apply(input, NormalizedShape.Count, Weight?.Value, Bias?.Value, Eps);
    }

    private void CheckShape(Tensor input)
    {
        var n = NormalizedShape.Count;
        var ok = input.Rank >= n;
        for (var i = 0; ok && i < n; i++)
        {
            ok = input.ShapeArray[input.Rank - n + i] == NormalizedShape[i];
        }

        if (!ok)
        {
            throw new ArgumentException($"LayerNorm: input of shape {input.Shape} does not end with the normalized shape [{string.Join(", ", NormalizedShape)}].", nameof(input));
        }
    }

    /// <inheritdoc />
    protected override string Describe() => $"LayerNorm([{string.Join(", ", NormalizedShape)}], eps={Eps}{(ElementwiseAffine ? "" : ", no affine")})";
}
