using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A loss as an object, PyTorch's <c>nn.*Loss</c> modules: options fixed at construction, applied as
/// <c>loss.Forward(input, target)</c> (or <c>Call</c>). The functional forms are in <see cref="Losses"/>.
/// </summary>
public abstract class Loss
{
    /// <summary>Sets the reduction every loss has.</summary>
    protected Loss(Reduction reduction) => Reduction = reduction;

    /// <summary>The name on the command line (<c>cross-entropy</c>, <c>mse</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>How per-element (or per-row) losses are reduced.</summary>
    public Reduction Reduction { get; }

    /// <summary>What the target tensor holds, so that a training loop can build it from labelled data.</summary>
    public virtual LossTarget Target => LossTarget.Values;

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cross-entropy", "multiclass-svm", "hinge", "squared-hinge", "bce", "mse", "huber", "l1", "smooth-l1"];

    /// <summary>The loss of <paramref name="input"/> against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>Same as <see cref="Forward"/>: <c>loss.Call(output, target)</c>.</summary>
    public Tensor Call(Tensor input, Tensor target) => Forward(input, target);

    /// <summary>
    /// The total weight behind a <see cref="Reduction.Mean"/> on this batch: its rows, or for a class-weighted or
    /// ignoring loss <c>Σ w[yᵢ]</c> over kept rows. Means over many batches combine as <c>Σ mean·weight / Σ weight</c>.
    /// </summary>
    internal virtual double MeanWeight(Tensor input, Tensor target) => input.Rank == 0 ? 1 : input.ShapeArray[0];

    /// <summary>The loss called <paramref name="name"/> (also accepts <c>ce</c>, <c>svm</c>, <c>bce-with-logits</c>), with default options.</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Loss Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "cross-entropy" or "ce" or "softmax" => new CrossEntropyLoss(),
            "multiclass-svm" or "svm" => new MulticlassSvmLoss(),
            "hinge" => new HingeLoss(squared: false),
            "squared-hinge" => new HingeLoss(squared: true),
            "bce" or "bce-with-logits" => new BceWithLogitsLoss(),
            "mse" => new MseLoss(),
            "huber" => new HuberLoss(),
            "l1" => new L1Loss(),
            "smooth-l1" => new SmoothL1Loss(),
            _ => throw new ArgumentException($"Unknown loss '{name}'. Known: {string.Join(", ", Names)}."),
        };
    }
}
