using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Loss functions, each returning a scalar tensor (the mean over the batch) that <c>Backward()</c> starts from.
/// The guide's chapter 2 in formulas: the SVM's "force specification" is the hinge's gradient, its "variable
/// pull" the squared hinge's.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Softmax cross-entropy on raw scores: <c>mean_i (logsumexp(zᵢ) − z_{i,yᵢ})</c>, fused into one node and
    /// stable for any logits; with <paramref name="classWeights"/> the weighted mean <c>Σ w_{yᵢ} ℓᵢ / Σ w_{yᵢ}</c>
    /// (PyTorch's convention), for unbalanced data.
    /// </summary>
    /// <param name="logits">Scores, [batch, classes].</param>
    /// <param name="labels">Class of each row, 0..classes−1.</param>
    /// <param name="classWeights">Optional weight per class (e.g. <see cref="Data.ClassWeights.Balanced(Data.Dataset)"/>).</param>
    public static Tensor SoftmaxCrossEntropy(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> classWeights = default) =>
        SoftmaxCrossEntropyFunction.Apply(logits, labels, classWeights);

    /// <summary>
    /// Multiclass SVM loss (CS231n): <c>mean_i Σ_{j≠yᵢ} max(0, s_{ij} − s_{i,yᵢ} + Δ)</c>.
    /// </summary>
    public static Tensor MulticlassSvm(Tensor scores, ReadOnlySpan<int> labels, double margin = 1)
    {
        Check2D("multiclass_svm", scores, labels.Length);
        var onehot = Tensor.OneHot(labels, scores.ShapeArray[1], scores.DType);
        var correct = (scores * onehot).Sum(1, keepDim: true);

        // The j = yᵢ term is max(0, Δ) = Δ, a constant with zero gradient: subtract it instead of masking.
        return ((scores - correct + margin).Relu().Sum(1) - margin).Mean();
    }

    /// <summary>Binary hinge loss <c>mean max(0, Δ − y·s)</c> with labels y = ±1 (the guide's SVM "force").</summary>
    public static Tensor Hinge(Tensor scores, Tensor signs, double margin = 1) =>
        (margin - Flat(scores, signs, "hinge") * signs.Reshape(-1)).Relu().Mean();

    /// <summary>Squared hinge loss <c>mean max(0, Δ − y·s)²</c>: the pull grows with the violation.</summary>
    public static Tensor SquaredHinge(Tensor scores, Tensor signs, double margin = 1) =>
        (margin - Flat(scores, signs, "squared_hinge") * signs.Reshape(-1)).Relu().Square().Mean();

    /// <summary>
    /// Binary cross-entropy on logits, stable: <c>mean (max(x, 0) − x·t + ln(1 + e^{−|x|}))</c>, t ∈ [0, 1].
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets)
    {
        var x = Flat(logits, targets, "bce_with_logits");
        var t = targets.Reshape(-1);
        return (x.Relu() - x * t + ((-x.Abs()).Exp() + 1).Log()).Mean();
    }

    /// <summary>Mean squared error <c>mean (p − t)²</c>, fused into one node.</summary>
    public static Tensor Mse(Tensor prediction, Tensor target) => MseFunction.Apply(prediction, target);

    /// <summary>
    /// Huber loss: <c>½d²</c> for |d| ≤ δ, else <c>δ(|d| − ½δ)</c>, d = p − t, averaged; written as
    /// <c>½q² + δ(|d| − q)</c> with <c>q = min(|d|, δ)</c>, which has that gradient everywhere.
    /// </summary>
    public static Tensor Huber(Tensor prediction, Tensor target, double delta = 1)
    {
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "huber: delta must be > 0.");
        }

        if (prediction.Numel != target.Numel)
        {
            throw new ArgumentException($"huber: prediction {prediction.Shape} and target {target.Shape} have different sizes.");
        }

        var a = (prediction - target.Reshape(prediction.ShapeArray)).Abs();
        var q = a.Minimum(delta);
        return (q.Square() * 0.5 + (a - q) * delta).Mean();
    }

    private static Tensor Flat(Tensor scores, Tensor targets, string op)
    {
        if (scores.Numel != targets.Numel)
        {
            throw new ArgumentException(
                $"{op}: {scores.Numel} scores ({scores.Shape}) but {targets.Numel} targets ({targets.Shape}); give one score per sample.");
        }

        return scores.Reshape(-1);
    }

    private static void Check2D(string op, Tensor scores, int labels)
    {
        if (scores.Rank != 2)
        {
            throw new ArgumentException($"{op}: scores must have shape [batch, classes], got {scores.Shape}.");
        }

        if (scores.ShapeArray[0] != labels)
        {
            throw new ArgumentException($"{op}: {labels} labels for a batch of {scores.ShapeArray[0]} rows (scores {scores.Shape}).");
        }
    }
}
