using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Loss functions as <c>(input, target) → loss</c>, PyTorch's <c>torch.nn.functional</c> forms with its options and
/// defaults: the reduction is <see cref="Reduction.Mean"/> unless given, class-index targets are
/// whole numbers (one per row), class weights are a [C] tensor in the input's dtype. The guide's chapter 2 in
/// formulas: the SVM's "force specification" is the hinge's gradient, its "variable pull" the squared hinge's.
/// </summary>
public static class Losses
{
    /// <summary>PyTorch's default <c>ignore_index</c>: no real class is −100.</summary>
    public const int DefaultIgnoreIndex = -100;

    /// <summary>
    /// Softmax cross-entropy on raw scores, fused and stable for any logits. With class-index targets:
    /// <c>ℓᵢ = (1−ε)·w[yᵢ]·(lseᵢ − z_{i,yᵢ}) + (ε/C)·Σⱼ wⱼ·(lseᵢ − zᵢⱼ)</c>, 0 where <c>yᵢ = ignoreIndex</c>; the mean is
    /// <c>Σ ℓᵢ / Σ w[yᵢ]</c> over kept rows (PyTorch's convention). With probability targets (same shape as the
    /// input): <c>ℓᵢ = −Σⱼ wⱼ·t̃ᵢⱼ·log softmax(zᵢ)ⱼ</c>, <c>t̃ = (1−ε)t + ε/C</c>, mean over rows.
    /// </summary>
    /// <param name="input">Logits [N, C] or [N, C, d1, …].</param>
    /// <param name="target">Class indices [N] ([N, d1, …]), or probabilities shaped like <paramref name="input"/>.</param>
    /// <param name="weight">Optional weight per class, [C], in the input's dtype.</param>
    /// <param name="ignoreIndex">Rows with this target count for nothing (class-index targets only).</param>
    /// <param name="reduction">Mean, Sum or None (one loss per row).</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target mixes (1−ε)·one-hot with ε·uniform.</param>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = DefaultIgnoreIndex,
        Reduction reduction = Reduction.Mean, double labelSmoothing = 0)
    {
        const string op = "cross_entropy";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(op, reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, $"{op}: labelSmoothing must be in [0, 1].");
        }

        CheckFloat(op, input);
        if (input.Rank < 2)
        {
            throw new ArgumentException($"{op}: input must have shape [batch, classes] or [batch, classes, d1, ...], got {input.Shape} (reshape to [-1, classes]).");
        }

        var weights = ClassTargets.Weights(op, weight, input);
        if (target.Shape == input.Shape && input.Rank >= 2 && target.DType == input.DType)
        {
            return ProbabilityCrossEntropy(input, target, weight, reduction, labelSmoothing);
        }

        if (input.ShapeArray[0] == 0)
        {
            throw new ArgumentException($"{op}: the batch is empty (input {input.Shape}); the mean of no losses is undefined.");
        }

        var targets = ClassTargets.Read(op, input, target, ignoreIndex);
        var rows = ClassTargets.Rows(input);
        var loss = SoftmaxCrossEntropyFunction.Apply(rows, targets, weights, ignoreIndex, reduction, labelSmoothing);
        return reduction == Reduction.None ? ClassTargets.Unrows(loss, input) : loss;
    }

    /// <summary>
    /// Softmax cross-entropy for integer labels held in a span (the data loaders' form): the same as
    /// <see cref="CrossEntropy"/> with the labels as a target tensor and <paramref name="classWeights"/> as weights.
    /// </summary>
    public static Tensor SoftmaxCrossEntropy(Tensor logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> classWeights = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Rank != 2)
        {
            throw new ArgumentException($"cross_entropy: logits must have shape [batch, classes], got {logits.Shape} (reshape to [-1, classes]).");
        }

        var weight = classWeights.IsEmpty ? null : Tensor.FromArray(classWeights).To(logits.DType);
        return CrossEntropy(logits, Labels(labels), weight);
    }

    /// <summary>
    /// Negative log-likelihood on log-probabilities (e.g. <c>LogSoftmax(1)</c>'s output):
    /// <c>ℓᵢ = −w[yᵢ]·x_{i,yᵢ}</c>, 0 where <c>yᵢ = ignoreIndex</c>; the mean is <c>Σ ℓᵢ / Σ w[yᵢ]</c> over kept rows.
    /// </summary>
    /// <param name="input">Log-probabilities [N, C] or [N, C, d1, …].</param>
    /// <param name="target">Class indices [N] ([N, d1, …]).</param>
    /// <param name="weight">Optional weight per class, [C], in the input's dtype.</param>
    /// <param name="ignoreIndex">Rows with this target count for nothing.</param>
    /// <param name="reduction">Mean, Sum or None.</param>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, int ignoreIndex = DefaultIgnoreIndex,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "nll_loss";
        ArgumentNullException.ThrowIfNull(input);
        CheckReduction(op, reduction);
        CheckFloat(op, input);
        var targets = ClassTargets.Read(op, input, target, ignoreIndex);
        var weights = ClassTargets.Weights(op, weight, input);
        var rows = ClassTargets.Rows(input);
        // −x_{i,yᵢ}·w[yᵢ] as a product with a constant selector: differentiable to any order, no index kernel needed.
        var selector = Selector(targets, weights, ignoreIndex, rows.ShapeArray[1], input.DType);
        var perRow = -(rows * selector).Sum(1);
        return reduction switch
        {
            Reduction.None => ClassTargets.Unrows(perRow, input),
            Reduction.Sum => perRow.Sum(),
            _ => perRow.Sum() * (1 / ClassTargets.KeptWeight(targets, weights, ignoreIndex)),
        };
    }

    /// <summary>
    /// Multiclass SVM loss (CS231n): <c>ℓᵢ = Σ_{j≠yᵢ} max(0, s_{ij} − s_{i,yᵢ} + Δ)</c>, reduced over rows.
    /// </summary>
    /// <param name="input">Scores [N, C].</param>
    /// <param name="target">Class indices [N].</param>
    /// <param name="margin">Δ.</param>
    /// <param name="reduction">Mean, Sum or None.</param>
    public static Tensor MulticlassSvm(Tensor input, Tensor target, double margin = 1, Reduction reduction = Reduction.Mean)
    {
        const string op = "multiclass_svm";
        ArgumentNullException.ThrowIfNull(input);
        CheckReduction(op, reduction);
        CheckFloat(op, input);
        if (input.Rank != 2)
        {
            throw new ArgumentException($"{op}: scores must have shape [batch, classes], got {input.Shape}.");
        }

        var targets = ClassTargets.Read(op, input, target, ClassTargets.NoIgnore);
        var onehot = Tensor.OneHot(targets, input.ShapeArray[1], input.DType);
        var correct = (input * onehot).Sum(1, keepDim: true);

        // The j = yᵢ term is max(0, Δ) = Δ, a constant with zero gradient: subtract it instead of masking.
        return Reduce((input - correct + margin).Relu().Sum(1) - margin, reduction);
    }

    /// <summary>Multiclass SVM loss for integer labels held in a span: <see cref="MulticlassSvm(Tensor, Tensor, double, Reduction)"/>.</summary>
    public static Tensor MulticlassSvm(Tensor scores, ReadOnlySpan<int> labels, double margin = 1)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return MulticlassSvm(scores, Labels(labels), margin);
    }

    /// <summary>Binary hinge loss <c>max(0, Δ − y·s)</c> with targets y = ±1 (the guide's SVM "force"), reduced.</summary>
    public static Tensor Hinge(Tensor input, Tensor target, double margin = 1, Reduction reduction = Reduction.Mean)
    {
        var (s, y) = Paired("hinge", input, target, reduction);
        return Reduce((margin - s * y).Relu(), reduction);
    }

    /// <summary>Squared hinge loss <c>max(0, Δ − y·s)²</c> with targets y = ±1: the pull grows with the violation.</summary>
    public static Tensor SquaredHinge(Tensor input, Tensor target, double margin = 1, Reduction reduction = Reduction.Mean)
    {
        var (s, y) = Paired("squared_hinge", input, target, reduction);
        return Reduce((margin - s * y).Relu().Square(), reduction);
    }

    /// <summary>
    /// Binary cross-entropy on logits, stable for any x (PyTorch's <c>binary_cross_entropy_with_logits</c>):
    /// <c>ℓ = w·[(1 − t)·x + (1 + (p − 1)·t)·(ln(1 + e^{−|x|}) + max(−x, 0))]</c>, t ∈ [0, 1], p the positive-class
    /// weight (1 without), w the element weight (1 without); the mean is over all elements.
    /// </summary>
    /// <param name="input">Logits, any shape.</param>
    /// <param name="target">Targets with as many elements (read in the input's shape).</param>
    /// <param name="weight">Optional weight broadcast against the input.</param>
    /// <param name="posWeight">Optional weight of the positive class, broadcast along the last axis ([C] for [N, C]).</param>
    /// <param name="reduction">Mean, Sum or None.</param>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null,
        Reduction reduction = Reduction.Mean)
    {
        const string op = "binary_cross_entropy_with_logits";
        var (x, t) = Paired(op, input, target, reduction);
        var softplusNegative = ((-x.Abs()).Exp() + 1).Log() + (-x).Relu();
        var loss = posWeight is null
            ? (1 - t) * x + softplusNegative
            : (1 - t) * x + (1 + (Checked(op, "posWeight", posWeight, x) - 1) * t) * softplusNegative;
        if (weight is not null)
        {
            loss = loss * Checked(op, "weight", weight, x);
        }

        return Reduce(loss, reduction);
    }

    /// <summary>Mean squared error <c>(p − t)²</c>; the mean is fused into one node.</summary>
    public static Tensor Mse(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction("mse_loss", reduction);
        if (reduction == Reduction.Mean)
        {
            return MseFunction.Apply(input, target);
        }

        var (p, t) = Paired("mse_loss", input, target, reduction);
        return Reduce((p - t).Square(), reduction);
    }

    /// <summary>Mean absolute error <c>|p − t|</c> (PyTorch's <c>l1_loss</c>; its gradient at p = t is 0).</summary>
    public static Tensor L1(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        var (p, t) = Paired("l1_loss", input, target, reduction);
        return Reduce((p - t).Abs(), reduction);
    }

    /// <summary>
    /// Huber loss: <c>½d²</c> for |d| ≤ δ, else <c>δ(|d| − ½δ)</c>, d = p − t; written as <c>½q² + δ(|d| − q)</c> with
    /// <c>q = min(|d|, δ)</c>, which has that gradient everywhere.
    /// </summary>
    public static Tensor Huber(Tensor input, Tensor target, double delta = 1, Reduction reduction = Reduction.Mean)
    {
        if (!(delta > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "huber_loss: delta must be > 0.");
        }

        var (p, t) = Paired("huber_loss", input, target, reduction);
        var a = (p - t).Abs();
        var q = a.Minimum(delta);
        return Reduce(q.Square() * 0.5 + (a - q) * delta, reduction);
    }

    /// <summary>
    /// Smooth L1 loss: <c>½d²/β</c> for |d| &lt; β, else <c>|d| − ½β</c> (Huber(β)/β; with β = 0 the L1 loss), written
    /// as <c>½q²/β + |d| − q</c>, <c>q = min(|d|, β)</c>.
    /// </summary>
    public static Tensor SmoothL1(Tensor input, Tensor target, double beta = 1, Reduction reduction = Reduction.Mean)
    {
        if (!(beta >= 0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "smooth_l1_loss: beta must be ≥ 0 and finite.");
        }

        var (p, t) = Paired("smooth_l1_loss", input, target, reduction);
        var a = (p - t).Abs();
        if (beta == 0)
        {
            return Reduce(a, reduction);
        }

        var q = a.Minimum(beta);
        return Reduce(q.Square() * (0.5 / beta) + (a - q), reduction);
    }

    /// <summary>
    /// Kullback–Leibler divergence with log-probabilities as input (PyTorch's <c>kl_div</c>): <c>ℓ = t·(ln t − x)</c>
    /// (0 where t = 0), or with <paramref name="logTarget"/> <c>ℓ = eᵗ·(t − x)</c>. <see cref="Reduction.BatchMean"/>
    /// (sum / N) is the true KL divergence per sample; <see cref="Reduction.Mean"/> averages over elements.
    /// </summary>
    public static Tensor KlDiv(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool logTarget = false)
    {
        const string op = "kl_div";
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckFloat(op, input);
        if (target.Shape != input.Shape)
        {
            throw new ArgumentException($"{op}: input {input.Shape} and target {target.Shape} must have the same shape.");
        }

        if (target.DType != input.DType)
        {
            throw new ArgumentException($"{op}: input is {input.DType.Name()} but target is {target.DType.Name()}; give both in one dtype.");
        }

        Tensor loss;
        if (logTarget)
        {
            loss = target.Exp() * (target - input);
        }
        else
        {
            // xlogy: t·ln t is 0 at t = 0; ln of a 1 there keeps NaN out of both passes.
            var positive = target.Gt(0);
            var safe = Tensor.Where(positive, target, 1);
            loss = target * safe.Log() - target * input;
        }

        if (reduction == Reduction.BatchMean)
        {
            var batch = input.Rank == 0 ? 1 : input.ShapeArray[0];
            return loss.Sum() * (1.0 / batch);
        }

        return Reduce(loss, reduction);
    }

    private static Tensor ProbabilityCrossEntropy(Tensor input, Tensor target, Tensor? weight, Reduction reduction, double labelSmoothing)
    {
        var classes = input.ShapeArray[1];
        var t = labelSmoothing > 0 ? target * (1 - labelSmoothing) + labelSmoothing / classes : target;
        var logp = input.LogSoftmax(1);
        if (weight is not null)
        {
            var shape = new int[input.Rank];
            Array.Fill(shape, 1);
            shape[1] = classes;
            t = t * weight.Reshape(shape);
        }

        var perRow = -(logp * t).Sum(1);
        // PyTorch divides the probability-target mean by the number of rows, weights or not.
        return Reduce(perRow, reduction);
    }

    private static Tensor Selector(int[] targets, double[]? weights, int ignoreIndex, int classes, DType dtype)
    {
        var q = new double[targets.Length * classes];
        for (var i = 0; i < targets.Length; i++)
        {
            if (targets[i] != ignoreIndex)
            {
                q[i * classes + targets[i]] = weights is null ? 1 : weights[targets[i]];
            }
        }

        var t = Tensor.FromArray(q, new Shape(targets.Length, classes));
        return dtype == DType.Float64 ? t : t.To(dtype);
    }

    private static Tensor Labels(ReadOnlySpan<int> labels)
    {
        var values = new double[labels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = labels[i];
        }

        return Tensor.FromArray(values);
    }

    private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.Sum => loss.Sum(),
        Reduction.None => loss,
        _ => loss.Mean(),
    };

    private static void CheckReduction(string op, Reduction reduction)
    {
        if (reduction is not (Reduction.Mean or Reduction.Sum or Reduction.None))
        {
            throw new ArgumentException($"{op}: reduction {reduction} is not supported (use Mean, Sum or None; BatchMean is for kl_div).", nameof(reduction));
        }
    }

    private static void CheckFloat(string op, Tensor input)
    {
        if (input.DType is not (DType.Float32 or DType.Float64))
        {
            throw new ArgumentException($"{op}: input must be float32 or float64, got {input.DType.Name()}.");
        }
    }

    /// <summary>Input and target with the same element count, the target read in the input's shape and dtype checked.</summary>
    private static (Tensor Input, Tensor Target) Paired(string op, Tensor input, Tensor target, Reduction reduction)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        CheckReduction(op, reduction);
        CheckFloat(op, input);
        if (input.Numel != target.Numel)
        {
            throw new ArgumentException(
                $"{op}: input {input.Shape} and target {target.Shape} have different sizes ({input.Numel} vs {target.Numel}); give one target per input element.");
        }

        if (target.DType != input.DType)
        {
            throw new ArgumentException($"{op}: input is {input.DType.Name()} but target is {target.DType.Name()}; give the target in the input's dtype (target.To({input.DType})).");
        }

        return (input, target.Shape == input.Shape ? target : target.Reshape(input.ShapeArray));
    }

    private static Tensor Checked(string op, string name, Tensor weight, Tensor input)
    {
        if (weight.DType != input.DType)
        {
            throw new ArgumentException($"{op}: {name} is {weight.DType.Name()} but input is {input.DType.Name()}; give it in the input's dtype.");
        }

        if (!Broadcasting.CanBroadcastTo(weight.ShapeArray, input.ShapeArray))
        {
            throw new ArgumentException($"{op}: {name} of shape {weight.Shape} does not broadcast to input {input.Shape}.");
        }

        return weight;
    }
}
