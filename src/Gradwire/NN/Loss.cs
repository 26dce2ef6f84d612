using Gradwire.Data;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A loss the training loop can apply to a model's output and a <see cref="Batch"/> (class labels or regression
/// targets), and that knows how to turn outputs into predicted classes (argmax, or a threshold for a single output).
/// </summary>
public abstract class Loss
{
    /// <summary>The name on the command line (<c>cross-entropy</c>, <c>mse</c>, ...).</summary>
    public abstract string Name { get; }

    /// <summary>For single-output classifiers: outputs above this are class 1 (0 for scores and logits, 0.5 for MSE).</summary>
    public virtual double Threshold => 0;

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["cross-entropy", "multiclass-svm", "hinge", "squared-hinge", "bce", "mse", "huber"];

    /// <summary>The mean loss of <paramref name="output"/> on <paramref name="batch"/>.</summary>
    public abstract Tensor Compute(Tensor output, Batch batch);

    /// <summary>
    /// The total weight behind <see cref="Compute"/>'s mean on <paramref name="batch"/>: the batch size, or for a
    /// class-weighted loss <c>Σ w[label]</c>. Means over many batches combine as <c>Σ mean·weight / Σ weight</c>.
    /// </summary>
    internal virtual double Weight(Batch batch) => batch.Size;

    /// <summary>Writes the predicted class of each row of <paramref name="output"/> ([batch, k]) to <paramref name="classes"/>.</summary>
    public void Predict(Tensor output, Span<int> classes)
    {
        var rows = output.Rank == 0 ? 1 : output.ShapeArray[0];
        var columns = rows == 0 ? 0 : output.Numel / rows;
        if (classes.Length < rows)
        {
            throw new ArgumentException($"Predict: {classes.Length} slots for {rows} rows.");
        }

        ReadOnlySpan<float> values = output.DType == DType.Float32 && output.IsContiguous
            ? output.AsReadOnlySpan<float>()
            : output.ToFloatArray();
        for (var r = 0; r < rows; r++)
        {
            if (columns == 1)
            {
                classes[r] = values[r] > Threshold ? 1 : 0;
                continue;
            }

            var best = 0;
            for (var c = 1; c < columns; c++)
            {
                if (values[r * columns + c] > values[r * columns + best])
                {
                    best = c;
                }
            }

            classes[r] = best;
        }
    }

    /// <summary>The loss called <paramref name="name"/> (also accepts <c>ce</c>, <c>svm</c>, <c>bce-with-logits</c>).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Loss Parse(string name) => name.ToLowerInvariant() switch
    {
        "cross-entropy" or "ce" or "softmax" => new CrossEntropyLoss(),
        "multiclass-svm" or "svm" => new MulticlassSvmLoss(),
        "hinge" => new HingeLoss(squared: false),
        "squared-hinge" => new HingeLoss(squared: true),
        "bce" or "bce-with-logits" => new BceWithLogitsLoss(),
        "mse" => new MseLoss(),
        "huber" => new HuberLoss(),
        _ => throw new ArgumentException($"Unknown loss '{name}'. Known: {string.Join(", ", Names)}."),
    };

    /// <summary>The batch's labels as a [size, 1] float tensor of ±1 (class 1 → +1, class 0 → −1).</summary>
    protected static Tensor Signs(Batch batch, DType dtype)
    {
        RequireLabels(batch, "hinge");
        var signs = new float[batch.Size];
        for (var i = 0; i < signs.Length; i++)
        {
            signs[i] = batch.Labels[i] == 0 ? -1 : 1;
        }

        var t = Tensor.FromArray(signs, new Shape(batch.Size, 1));
        return dtype == DType.Float32 ? t : t.To(dtype);
    }

    /// <summary>
    /// Regression targets as a tensor shaped like <paramref name="output"/>; for class labels, the label itself
    /// (one output) or its one-hot row (several outputs).
    /// </summary>
    protected static Tensor Targets(Tensor output, Batch batch)
    {
        Tensor t;
        if (batch.Labels.Length > 0)
        {
            var columns = output.Numel / Math.Max(batch.Size, 1);
            if (columns == 1)
            {
                var values = new float[batch.Size];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = batch.Labels[i];
                }

                t = Tensor.FromArray(values, output.Shape);
            }
            else
            {
                t = Tensor.OneHot(batch.Labels, columns);
            }
        }
        else
        {
            t = Tensor.FromArray(batch.Targets, new Shape(batch.TargetShape));
        }

        return t.DType == output.DType ? t : t.To(output.DType);
    }

    /// <summary>Throws when <paramref name="batch"/> carries regression targets instead of class labels.</summary>
    protected static void RequireLabels(Batch batch, string loss)
    {
        if (batch.Labels.Length != batch.Size)
        {
            throw new ArgumentException($"{loss}: this loss needs class labels, but the dataset has regression targets (use mse or huber).");
        }
    }
}

/// <summary>Softmax cross-entropy (fused, stable), optionally class-weighted for unbalanced data.</summary>
public sealed class CrossEntropyLoss(float[]? classWeights = null) : Loss
{
    /// <summary>The weight of each class, or null.</summary>
    public float[]? ClassWeights { get; } = classWeights;

    /// <inheritdoc />
    public override string Name => "cross-entropy";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch)
    {
        RequireLabels(batch, Name);
        return Losses.SoftmaxCrossEntropy(output, batch.Labels, ClassWeights);
    }

    /// <inheritdoc />
    internal override double Weight(Batch batch)
    {
        if (ClassWeights is not { } weights)
        {
            return batch.Size;
        }

        // The weighted mean divides by Σ w[label]; Compute has already checked the labels are in range.
        double total = 0;
        for (var i = 0; i < batch.Size; i++)
        {
            total += weights[batch.Labels[i]];
        }

        return total;
    }
}

/// <summary>The multiclass SVM (hinge) loss of CS231n with margin Δ.</summary>
public sealed class MulticlassSvmLoss(double margin = 1) : Loss
{
    /// <summary>The margin Δ.</summary>
    public double Margin { get; } = margin;

    /// <inheritdoc />
    public override string Name => "multiclass-svm";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch)
    {
        RequireLabels(batch, Name);
        return Losses.MulticlassSvm(output, batch.Labels, Margin);
    }
}

/// <summary>Binary hinge (or squared hinge) loss on one score per sample; class 1 is +1, class 0 is −1.</summary>
public sealed class HingeLoss(bool squared = false, double margin = 1) : Loss
{
    /// <summary>Whether the violation is squared.</summary>
    public bool Squared { get; } = squared;

    /// <summary>The margin.</summary>
    public double Margin { get; } = margin;

    /// <inheritdoc />
    public override string Name => Squared ? "squared-hinge" : "hinge";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch)
    {
        var signs = Signs(batch, output.DType);
        return Squared ? Losses.SquaredHinge(output, signs, Margin) : Losses.Hinge(output, signs, Margin);
    }
}

/// <summary>Binary cross-entropy on one logit per sample (label 0 or 1).</summary>
public sealed class BceWithLogitsLoss : Loss
{
    /// <inheritdoc />
    public override string Name => "bce";

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch) => Losses.BinaryCrossEntropyWithLogits(output, Targets(output, batch));
}

/// <summary>Mean squared error; on class labels, against the label (one output) or the one-hot row.</summary>
public sealed class MseLoss : Loss
{
    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override double Threshold => 0.5;

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch) => Losses.Mse(output, Targets(output, batch));
}

/// <summary>Huber loss with threshold δ (quadratic near zero, linear far away: robust to outliers).</summary>
public sealed class HuberLoss(double delta = 1) : Loss
{
    /// <summary>The threshold δ.</summary>
    public double Delta { get; } = delta;

    /// <inheritdoc />
    public override string Name => "huber";

    /// <inheritdoc />
    public override double Threshold => 0.5;

    /// <inheritdoc />
    public override Tensor Compute(Tensor output, Batch batch) => Losses.Huber(output, Targets(output, batch), Delta);
}
