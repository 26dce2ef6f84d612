namespace Gradwire.Training;

/// <summary>
/// Thrown by <see cref="Trainer.Fit"/> (under <see cref="DivergencePolicy.Throw"/>) at the first batch whose loss
/// is NaN or infinite. The message names the epoch, batch, step and learning rate and suggests a fix.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for <paramref name="divergence"/>.</summary>
    public TrainingDivergedException(TrainingDivergence divergence)
        : base((divergence ?? throw new ArgumentNullException(nameof(divergence))).Message)
    {
        Divergence = divergence;
    }

    /// <summary>Where and how the run diverged.</summary>
    public TrainingDivergence Divergence { get; }

    /// <summary>The epoch (0-based).</summary>
    public int Epoch => Divergence.Epoch;

    /// <summary>The step number the diverged batch would have had.</summary>
    public long Step => Divergence.Step;

    /// <summary>The learning rate at that step.</summary>
    public double LearningRate => Divergence.LearningRate;
}
