namespace Gradwire.Tensors;

/// <summary>How a loss reduces its per-element (or per-row) values, as PyTorch's <c>reduction=</c> argument.</summary>
public enum Reduction
{
    /// <summary>The mean (PyTorch's default); for class-weighted losses the weighted mean <c>Σ wℓ / Σ w</c>.</summary>
    Mean,

    /// <summary>The sum.</summary>
    Sum,

    /// <summary>No reduction: one value per element (or per row for class-index losses).</summary>
    None,

    /// <summary>The sum divided by the batch size (the first axis); only <c>KlDivLoss</c> accepts it, the form that matches the KL divergence.</summary>
    BatchMean,
}
