using System.Globalization;

namespace Gradwire.Training;

/// <summary>
/// Where and how a run diverged: the first batch whose loss was NaN or infinite. The optimizer step of that
/// batch was not taken, so the weights are those after the last finite step.
/// </summary>
/// <param name="Epoch">The epoch (0-based, as in <see cref="EpochMetrics.Epoch"/>).</param>
/// <param name="Batch">The batch within the epoch (0-based).</param>
/// <param name="Step">The step number this batch would have had (optimizer steps so far plus one, as in <see cref="StepMetrics.Step"/>).</param>
/// <param name="LearningRate">The learning rate in force at that step (after the schedule).</param>
/// <param name="Loss">The non-finite loss (NaN, +∞ or −∞).</param>
public sealed record TrainingDivergence(int Epoch, int Batch, long Step, double LearningRate, double Loss)
{
    /// <summary>A sentence for people: where it happened and what to try.</summary>
    public string Message
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            var where = string.Create(c, $"the loss is {Loss} at epoch {Epoch + 1}, batch {Batch + 1} (step {Step}) with learning rate {LearningRate:G4}");
            var lower = string.Create(c, $"{LearningRate / 10:G3}");
            return $"training diverged: {where}. Try a lower learning rate (e.g. {lower}), gradient clipping (ClipNorm, --clip-norm 1), " +
                   "or check the data's scale (standardize features of very different magnitudes).";
        }
    }
}
