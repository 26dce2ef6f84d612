using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Batch normalization, the part <see cref="BatchNorm1d"/> and <see cref="BatchNorm2d"/> share (PyTorch's
/// <c>_BatchNorm</c>): per channel c of an input <c>[N, C, *]</c>, <c>y = (x − μ_c) / √(σ²_c + ε) · γ_c + β_c</c>.
/// </summary>
/// <remarks>
/// In training mode μ and σ² are the batch's mean and biased variance over N and the spatial axes, and (with
/// <see cref="TrackRunningStats"/>) the buffers are updated: <c>running_mean ← (1 − f)·running_mean + f·μ</c>,
/// <c>running_var ← (1 − f)·running_var + f·σ²·m/(m − 1)</c> (the unbiased variance, m values per channel),
/// <c>num_batches_tracked += 1</c>, with f = <see cref="Momentum"/>, or <c>1/num_batches_tracked</c> (a cumulative
/// average) when the momentum is null. In evaluation mode the running estimates normalize; without running
/// statistics the batch's are used in both modes. Parameters <c>weight</c> (γ, ones) and <c>bias</c> (β, zeros)
/// and buffers <c>running_mean</c>, <c>running_var</c>, <c>num_batches_tracked</c> (Int64) carry PyTorch's names,
/// so a state dict moves between the two unchanged.
/// </remarks>
public abstract class BatchNorm : Module<Tensor, Tensor>
{
    private protected BatchNorm(int numFeatures, double eps, double? momentum, bool affine, bool trackRunningStats, DType dtype)
    {
        if (numFeatures < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, $"{GetType().Name}: numFeatures must be ≥ 1.");
        }

        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{GetType().Name}: eps must be > 0.");
        }

        if (momentum is { } mo && !(mo >= 0 && mo <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"{GetType().Name}: momentum must be in [0, 1] or null (cumulative average).");
        }

        if (!dtype.IsFloatingPoint())
        {
            throw new ArgumentException($"{GetType().Name}: dtype must be float32 or float64, got {dtype.Name()}.", nameof(dtype));
        }

        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Affine = affine;
        TrackRunningStats = trackRunningStats;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(new Shape(numFeatures), dtype), decay: false);
            Bias = RegisterParameter("bias", Tensor.Zeros(new Shape(numFeatures), dtype), decay: false);
        }

        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(new Shape(numFeatures), dtype));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones(new Shape(numFeatures), dtype));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros(Shape.Scalar, DType.Int64));
        }
    }

    /// <summary>Number of channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>ε, added to the variance before the square root.</summary>
    public double Eps { get; }

    /// <summary>Weight f of the newest batch in the running estimates; null: cumulative average (f = 1/num_batches_tracked).</summary>
    public double? Momentum { get; }

    /// <summary>Whether the layer has the learnable γ (<c>weight</c>) and β (<c>bias</c>).</summary>
    public bool Affine { get; }

    /// <summary>Whether the layer keeps running estimates (used in evaluation mode).</summary>
    public bool TrackRunningStats { get; }

    /// <summary>γ, [C] (ones at start), or null without <see cref="Affine"/>.</summary>
    public Parameter? Weight { get; }

    /// <summary>β, [C] (zeros at start), or null without <see cref="Affine"/>.</summary>
    public Parameter? Bias { get; }

    /// <summary>The running mean buffer, [C] (zeros at start), or null without <see cref="TrackRunningStats"/>.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>The running (unbiased) variance buffer, [C] (ones at start), or null without <see cref="TrackRunningStats"/>.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Training batches seen, a 0-d Int64 buffer, or null without <see cref="TrackRunningStats"/>.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>Resets the running estimates to mean 0, variance 1 and the batch count to 0.</summary>
    public void ResetRunningStats()
    {
        using (Tensor.NoGrad())
        {
            RunningMean?.FillInPlace(0);
            RunningVar?.FillInPlace(1);
            NumBatchesTracked?.FillInPlace(0);
        }
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input);
        if (input.ShapeArray[1] != NumFeatures)
        {
            throw new ArgumentException(
                $"{GetType().Name}: the input {input.Shape} has {input.ShapeArray[1]} channels on axis 1; this layer has {NumFeatures}.", nameof(input));
        }

        var factor = Momentum ?? 0.0;
        if (IsTraining && NumBatchesTracked is not null)
        {
            using (Tensor.NoGrad())
            {
                NumBatchesTracked.AddInPlace(1);
            }

            if (Momentum is null)
            {
                factor = 1.0 / NumBatchesTracked.Item();
            }
        }

        var useBatchStatistics = IsTraining || RunningMean is null;
        return BatchNormFunction.Apply(input, Weight?.Value, Bias?.Value, RunningMean, RunningVar, useBatchStatistics, factor, Eps);
    }

    /// <summary>Throws unless <paramref name="input"/> has a rank this layer accepts.</summary>
    private protected abstract void CheckInput(Tensor input);

    /// <inheritdoc />
    protected override string Describe() =>
        $"{GetType().Name}({NumFeatures}, eps={Eps}, momentum={(Momentum is { } m ? m.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")}, " +
        $"affine={Affine}, track_running_stats={TrackRunningStats})";
}
