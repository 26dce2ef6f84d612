namespace Gradwire.Optim;

/// <summary>
/// The Transformer schedule ("Attention is all you need", §5.3): linear warm-up then inverse-square-root decay.
/// With <c>s = step + 1</c> (steps count from 0 here, from 1 in the paper):
/// <c>lr = factor · d^−½ · min(s^−½, s · warmup^−³ᐟ²)</c>. The peak, at <c>s = warmup</c>, is <c>factor · (d·warmup)^−½</c>.
/// </summary>
public sealed class InverseSqrtSchedule : LearningRateSchedule
{
    private readonly double _scale;
    private readonly long _warmup;

    /// <summary>The paper's form from the model width <paramref name="dModel"/>.</summary>
    public InverseSqrtSchedule(int dModel, long warmup, double factor = 1)
        : this(factor / Math.Sqrt(dModel), warmup, 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dModel, 1);
    }

    private InverseSqrtSchedule(double scale, long warmup, int unused)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmup, 1);
        _ = unused;
        _scale = scale;
        _warmup = warmup;
    }

    /// <summary>The "peak lr" form: <c>lr = peak · min(s/warmup, √(warmup/s))</c>, reaching <paramref name="peak"/> at <c>s = warmup</c>.</summary>
    public static InverseSqrtSchedule FromPeak(double peak, long warmup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmup, 1);
        return new InverseSqrtSchedule(peak * Math.Sqrt(warmup), warmup, 0);
    }

    /// <summary>Warm-up steps.</summary>
    public long Warmup => _warmup;

    /// <inheritdoc />
    public override double Rate(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var s = (double)(step + 1);
        return _scale * Math.Min(1 / Math.Sqrt(s), s * Math.Pow(_warmup, -1.5));
    }
}
