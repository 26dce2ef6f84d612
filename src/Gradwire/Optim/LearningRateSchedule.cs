namespace Gradwire.Optim;

/// <summary>
/// A learning rate as a pure function of the step number (0, 1, 2, ... optimizer steps), so a resumed run gets
/// exactly the rates an uninterrupted one would. The training loop sets <see cref="Optimizer.LearningRate"/>
/// from it before each step.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate at step <paramref name="step"/> (≥ 0).</summary>
    public abstract double Rate(long step);
}

/// <summary>A constant rate.</summary>
public sealed class ConstantSchedule(double rate) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Rate(long step) => rate;
}

/// <summary>Step decay: <c>lr₀ · γ^⌊step / stepSize⌋</c> (e.g. ×0.1 every 30 epochs' worth of steps).</summary>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    private readonly double _initial;
    private readonly long _stepSize;
    private readonly double _gamma;

    /// <summary>Creates the schedule.</summary>
    public StepDecaySchedule(double initial, long stepSize, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        _initial = initial;
        _stepSize = stepSize;
        _gamma = gamma;
    }

    /// <inheritdoc />
    public override double Rate(long step) => _initial * Math.Pow(_gamma, step / _stepSize);
}

/// <summary>Exponential decay: <c>lr₀ · γ^step</c>.</summary>
public sealed class ExponentialSchedule(double initial, double gamma) : LearningRateSchedule
{
    /// <inheritdoc />
    public override double Rate(long step) => initial * Math.Pow(gamma, step);
}

/// <summary>Cosine annealing from lr₀ to lr_min over <c>total</c> steps: <c>lr_min + ½(lr₀ − lr_min)(1 + cos(π·step/total))</c>, then lr_min.</summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    private readonly double _initial;
    private readonly long _total;
    private readonly double _minimum;

    /// <summary>Creates the schedule.</summary>
    public CosineSchedule(double initial, long total, double minimum = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        _initial = initial;
        _total = total;
        _minimum = minimum;
    }

    /// <inheritdoc />
    public override double Rate(long step) =>
        step >= _total ? _minimum : _minimum + 0.5 * (_initial - _minimum) * (1 + Math.Cos(Math.PI * step / _total));
}

/// <summary>Linear warm-up: <c>inner(0) · (step + 1)/warmup</c> for the first <c>warmup</c> steps, then <c>inner(step − warmup)</c>.</summary>
public sealed class WarmupSchedule : LearningRateSchedule
{
    private readonly LearningRateSchedule _inner;
    private readonly long _warmup;

    /// <summary>Wraps <paramref name="inner"/> with <paramref name="warmup"/> steps of linear warm-up.</summary>
    public WarmupSchedule(LearningRateSchedule inner, long warmup)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        _inner = inner;
        _warmup = warmup;
    }

    /// <inheritdoc />
    public override double Rate(long step) =>
        step < _warmup ? _inner.Rate(0) * (step + 1) / _warmup : _inner.Rate(step - _warmup);
}
