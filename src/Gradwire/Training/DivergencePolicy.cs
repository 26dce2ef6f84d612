namespace Gradwire.Training;

/// <summary>What <see cref="Trainer.Fit"/> does when a batch's loss is NaN or infinite.</summary>
public enum DivergencePolicy
{
    /// <summary>Throw a <see cref="TrainingDivergedException"/> (the default: a diverged run never passes for a finished one).</summary>
    Throw,

    /// <summary>Stop training, set <see cref="Trainer.Divergence"/> and raise <see cref="Trainer.Diverged"/>; <see cref="Trainer.Fit"/> returns.</summary>
    Stop,
}
