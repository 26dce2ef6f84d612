using System.Diagnostics;
using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>
/// The training loop: for each epoch, for each batch of <see cref="Loader"/>, forward, loss (plus L1/L2),
/// backward, optional clipping, the scheduled learning rate, one optimizer step; then validation and early
/// stopping. <c>new Trainer(model, loss, optimizer, loader).Fit(10)</c> is a whole run.
/// </summary>
/// <remarks>
/// <para>Each step runs in its own <see cref="TensorScope"/>, so its temporaries go back to the pool when it ends,
/// and the gradients are zeroed lazily before backward (their buffers are reused): a step in steady state
/// allocates no large buffer from the GC.</para>
/// <para>The position (epoch, batch, step), the optimizer state, the dropout counters, the running epoch sums
/// and the early-stopping state all go into <see cref="SaveCheckpoint"/>; <see cref="LoadCheckpoint"/> then
/// <see cref="Fit"/> continues exactly where the run stopped: the same batches in the same order, the same
/// learning rates, the same masks, bit for bit the same weights as an uninterrupted run.</para>
/// </remarks>
public sealed class Trainer
{
    private readonly List<EpochMetrics> _history = [];
    private int _epoch;
    private int _batch;
    private long _step;
    private double _lossSum;
    private long _correct;
    private long _seen;
    private double _weightSum;
    private double _epochSeconds;
    private double _best = double.PositiveInfinity;
    private int _badEpochs;
    private Dictionary<string, Tensor>? _bestWeights;
    private bool _stopRequested;
    private int[] _predicted = [];

    /// <summary>Creates a trainer; nothing runs until <see cref="Fit"/>.</summary>
    public Trainer(Module<Tensor, Tensor> model, Loss loss, Optimizer optimizer, DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loader);
        if (loss.Reduction != Reduction.Mean)
        {
            throw new ArgumentException(
                $"Trainer: the '{loss.Name}' loss has reduction {loss.Reduction}; the trainer combines batch means, so give it Reduction.Mean.", nameof(loss));
        }

        Model = model;
        Loss = loss;
        Optimizer = optimizer;
        Loader = loader;
    }

    /// <summary>Raised after every optimizer step (progress bars, loss curves).</summary>
    public event Action<StepMetrics>? StepCompleted;

    /// <summary>Raised after every epoch, with its metrics (also kept in <see cref="History"/>).</summary>
    public event Action<EpochMetrics>? EpochCompleted;

    /// <summary>
    /// Raised once, at the first batch whose loss is NaN or infinite, before <see cref="Fit"/> throws
    /// (<see cref="DivergencePolicy.Throw"/>) or returns (<see cref="DivergencePolicy.Stop"/>).
    /// </summary>
    public event Action<TrainingDivergence>? Diverged;

    /// <summary>The model trained.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The data loss.</summary>
    public Loss Loss { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The training batches.</summary>
    public DataLoader Loader { get; }

    /// <summary>Sets the learning rate before every step from the step number; null keeps the optimizer's rate.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>λ of the L2 penalty <c>(λ/2)Σw²</c> added to the loss (biases skipped); 0 for none.</summary>
    public double L2 { get; set; }

    /// <summary>λ of the L1 penalty <c>λΣ|w|</c> added to the loss (biases skipped); 0 for none.</summary>
    public double L1 { get; set; }

    /// <summary>When &gt; 0, gradients are scaled to at most this global L2 norm before each step.</summary>
    public double ClipNorm { get; set; }

    /// <summary>When &gt; 0, gradient entries are clamped to ±this before each step.</summary>
    public double ClipValue { get; set; }

    /// <summary>Evaluated after every epoch when set (validation monitoring; early stopping watches its loss).</summary>
    public Dataset? Validation { get; set; }

    /// <summary>Early stopping: stop after this many epochs without a better monitored loss; 0 turns it off.</summary>
    public int Patience { get; set; }

    /// <summary>With early stopping, put the best epoch's weights back when training stops.</summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>
    /// What a NaN or infinite batch loss does: throw a <see cref="TrainingDivergedException"/> (default) or stop
    /// and report it in <see cref="Divergence"/>. Either way training ends at that batch, before its optimizer step.
    /// </summary>
    public DivergencePolicy OnDivergence { get; set; } = DivergencePolicy.Throw;

    /// <summary>
    /// How the caller set the run up (the tool stores its command-line options here, e.g. <c>--lr</c> → <c>0.01</c>).
    /// Checkpoints record them as <c>run.option.KEY</c>; loading refuses a checkpoint whose recorded options differ
    /// from these, naming the option and both values.
    /// </summary>
    public IDictionary<string, string> RunOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// What a user of the trained model needs (spec, classes, preprocessing); checkpoints record it as <c>info.*</c>
    /// metadata so that <see cref="Checkpoint.LoadModel"/> rebuilds and uses the model. Null: not recorded.
    /// </summary>
    public ModelInfo? ModelInfo { get; set; }

    /// <summary>Where the run diverged, or null while every loss has been finite. A diverged trainer does not train on.</summary>
    public TrainingDivergence? Divergence { get; private set; }

    /// <summary>Epochs completed.</summary>
    public int Epoch => _epoch;

    /// <summary>The next batch within the current epoch (0 unless stopped mid-epoch).</summary>
    public int BatchInEpoch => _batch;

    /// <summary>Optimizer steps taken.</summary>
    public long Step => _step;

    /// <summary>True once early stopping has ended training.</summary>
    public bool EarlyStopped { get; private set; }

    /// <summary>The metrics of every completed epoch.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    /// <summary>Asks <see cref="Fit"/> to return after the current step (e.g. from <see cref="StepCompleted"/>), mid-epoch if need be.</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>
    /// Trains until <paramref name="epochs"/> epochs are complete in total (a resumed trainer continues from its
    /// position), early stopping fires, or <see cref="RequestStop"/> is called. Returns <see cref="History"/>.
    /// </summary>
    public IReadOnlyList<EpochMetrics> Fit(int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        if (Divergence is { } diverged)
        {
            return OnDivergence == DivergencePolicy.Throw ? throw new TrainingDivergedException(diverged) : _history;
        }

        _stopRequested = false;
        Model.Train();
        var parameters = Optimizer.Parameters;
        while (_epoch < epochs && !EarlyStopped)
        {
            var watch = Stopwatch.StartNew();
            foreach (var batch in Loader.Epoch(_epoch, _batch))
            {
                var loss = TrainStep(batch, parameters, out var correct, out var weight);
                if (!double.IsFinite(loss))
                {
                    // TrainStep took no optimizer step: the weights and the position stay those of the last finite step.
                    var divergence = new TrainingDivergence(_epoch, _batch, _step + 1, Optimizer.LearningRate, loss);
                    Divergence = divergence;
                    Diverged?.Invoke(divergence);
                    return OnDivergence == DivergencePolicy.Throw ? throw new TrainingDivergedException(divergence) : _history;
                }

                // Batch means combine by their weight (the size, or Σ w[label] for class-weighted cross-entropy).
                _lossSum += loss * weight;
                _weightSum += weight;
                _correct += correct;
                _seen += batch.Size;
                _batch++;
                StepCompleted?.Invoke(new StepMetrics(_epoch, _batch - 1, _step, loss, batch.Size, Loader.BatchesPerEpoch));
                if (_stopRequested)
                {
                    break;
                }
            }

            _epochSeconds += watch.Elapsed.TotalSeconds;
            if (_batch < Loader.BatchesPerEpoch)
            {
                return _history;
            }

            FinishEpoch();
            if (_stopRequested)
            {
                break;
            }
        }

        return _history;
    }

    /// <summary>Loss and accuracy of the model on <paramref name="data"/> (evaluation mode, no recording).</summary>
    public Evaluation Evaluate(Dataset data, int batchSize = 1000) => Evaluation.Run(Model, Loss, data, batchSize);

    /// <summary>Writes a checkpoint (weights, optimizer state, position, RNG counters) to <paramref name="path"/>, atomically.</summary>
    public void SaveCheckpoint(string path) => Checkpoint.Save(path, this);

    /// <summary>Restores a checkpoint written by <see cref="SaveCheckpoint"/>; <see cref="Fit"/> then continues from it.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid checkpoint for this model and optimizer (the message says why).</exception>
    public void LoadCheckpoint(string path) => Checkpoint.Load(path, this);

    internal CheckpointPosition Position
    {
        get => new(_epoch, _batch, _step, _lossSum, _correct, _seen, _epochSeconds, _best, _badEpochs, EarlyStopped, _weightSum);
        set
        {
            (_epoch, _batch, _step, _lossSum, _correct, _seen, _epochSeconds, _best, _badEpochs, var stopped, _weightSum) = value;
            EarlyStopped = stopped;
        }
    }

    internal List<EpochMetrics> MutableHistory => _history;

    internal Dictionary<string, Tensor>? BestWeights
    {
        get => _bestWeights;
        set => _bestWeights = value;
    }

    private double TrainStep(Batch batch, IReadOnlyList<Parameter> parameters, out int correct, out double weight)
    {
        using var scope = TensorScope.Begin();
        if (Schedule is not null)
        {
            Optimizer.LearningRate = Schedule.Rate(_step);
        }

        var x = Tensor.FromArray(batch.Features, new Shape(batch.FeatureShape));
        Tensor output, target;
        double lossValue;
        if (Optimizer is Lbfgs lbfgs)
        {
            output = Model.Forward(x);
            target = LossTargets.For(Loss, output, batch);
            lossValue = Loss.Forward(output, target).Item();
            if (!double.IsFinite(lossValue))
            {
                correct = 0;
                weight = 0;
                return lossValue;
            }

            lbfgs.Step(() =>
            {
                ReleaseGrads(parameters);
                var total = Objective(Model.Forward(x), target, parameters, out _);
                total.Backward();
                return total;
            });
        }
        else
        {
            output = Model.Forward(x);
            target = LossTargets.For(Loss, output, batch);
            var total = Objective(output, target, parameters, out var data);
            lossValue = data.Item();
            if (!double.IsFinite(lossValue))
            {
                correct = 0;
                weight = 0;
                return lossValue;
            }

            ReleaseGrads(parameters);
            total.Backward();
            if (ClipValue > 0)
            {
                GradientClipping.ClipByValue(parameters, ClipValue);
            }

            if (ClipNorm > 0)
            {
                GradientClipping.ClipByNorm(parameters, ClipNorm);
            }

            Optimizer.Step();
        }

        _step++;
        weight = Loss.MeanWeight(output, target);
        correct = 0;
        if (batch.Labels.Length == batch.Size && batch.Size > 0)
        {
            if (_predicted.Length < batch.Size)
            {
                _predicted = new int[batch.Size];
            }

            Prediction.Classes(output, _predicted, Prediction.Threshold(Loss));
            for (var i = 0; i < batch.Size; i++)
            {
                if (_predicted[i] == batch.Labels[i])
                {
                    correct++;
                }
            }
        }

        return lossValue;
    }

    private Tensor Objective(Tensor output, Tensor target, IReadOnlyList<Parameter> parameters, out Tensor data)
    {
        data = Loss.Forward(output, target);
        var total = data;
        if (L2 > 0)
        {
            total = total + Regularization.L2(parameters, L2);
        }

        if (L1 > 0)
        {
            total = total + Regularization.L1(parameters, L1);
        }

        return total;
    }

    /// <summary>
    /// Zeroes the gradients before backward. <see cref="Tensor.ZeroGrad"/> defers the clearing, so backward
    /// copies into the kept buffers instead of adding to zeros: no allocation, one pass less.
    /// </summary>
    private static void ReleaseGrads(IReadOnlyList<Parameter> parameters)
    {
        foreach (var p in parameters)
        {
            p.Value.ZeroGrad();
        }
    }

    private void FinishEpoch()
    {
        var labelled = Loader.Dataset.TargetKind == TargetKind.ClassLabels;
        var trainLoss = _seen == 0 ? double.NaN : _lossSum / _weightSum;
        var trainAccuracy = labelled && _seen > 0 ? (double)_correct / _seen : double.NaN;
        double validationLoss = double.NaN, validationAccuracy = double.NaN;
        if (Validation is not null)
        {
            var evaluation = Evaluate(Validation);
            validationLoss = evaluation.Loss;
            validationAccuracy = evaluation.Accuracy;
        }

        var metrics = new EpochMetrics(_epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, _epochSeconds,
            _epochSeconds > 0 ? _seen / _epochSeconds : double.NaN, Optimizer.LearningRate);
        _history.Add(metrics);
        _epoch++;
        _batch = 0;
        _lossSum = 0;
        _correct = 0;
        _seen = 0;
        _weightSum = 0;
        _epochSeconds = 0;
        if (Patience > 0)
        {
            var monitored = Validation is null ? trainLoss : validationLoss;
            if (monitored < _best)
            {
                _best = monitored;
                _badEpochs = 0;
                if (RestoreBestWeights)
                {
                    _bestWeights = CopyWeights();
                }
            }
            else if (++_badEpochs >= Patience)
            {
                EarlyStopped = true;
                if (RestoreBestWeights && _bestWeights is not null)
                {
                    Model.LoadStateDict(_bestWeights);
                }
            }
        }

        Model.Train();
        EpochCompleted?.Invoke(metrics);
    }

    private Dictionary<string, Tensor> CopyWeights()
    {
        var copy = new Dictionary<string, Tensor>();
        using var noGrad = Tensor.NoGrad();
        foreach (var (name, value) in Model.StateDict())
        {
            copy[name] = value.Clone().DetachFromScope();
        }

        return copy;
    }
}

/// <summary>Where a run stands, as a checkpoint records it.</summary>
internal readonly record struct CheckpointPosition(
    int Epoch, int Batch, long Step, double LossSum, long Correct, long Seen, double EpochSeconds, double Best, int BadEpochs, bool Stopped,
    double WeightSum);
