namespace Gradwire.Training;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (weighted by batch size).</param>
/// <param name="TrainAccuracy">Fraction of training samples classified right during the epoch (NaN for regression).</param>
/// <param name="ValidationLoss">Loss on the validation set after the epoch (NaN without one).</param>
/// <param name="ValidationAccuracy">Accuracy on the validation set (NaN without one, or for regression).</param>
/// <param name="Seconds">Wall time of the epoch's training steps (validation excluded).</param>
/// <param name="SamplesPerSecond">Training samples per second.</param>
/// <param name="LearningRate">The learning rate at the epoch's last step.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double Seconds, double SamplesPerSecond, double LearningRate);

/// <summary>What one optimizer step measured.</summary>
/// <param name="Epoch">The epoch (0-based).</param>
/// <param name="Batch">The batch within the epoch.</param>
/// <param name="Step">Optimizer steps taken so far, this one included.</param>
/// <param name="Loss">The batch's loss.</param>
/// <param name="BatchSize">Samples in the batch.</param>
/// <param name="BatchesPerEpoch">Batches in an epoch (for progress bars).</param>
public sealed record StepMetrics(int Epoch, int Batch, long Step, double Loss, int BatchSize, int BatchesPerEpoch);
