namespace Gradwire.Kernels;

/// <summary>
/// How the kernels may run: today the most threads one kernel call (GEMM, element-wise op, reduction, softmax)
/// uses. Immutable; put it in effect for a block of code with <see cref="Compute.Use(ComputeOptions)"/> (or
/// <see cref="Compute.WithThreads(int)"/>), or pass <c>maxThreads</c> to <see cref="Gemm"/> directly.
/// </summary>
public sealed record ComputeOptions
{
    private readonly int _maxThreads = Environment.ProcessorCount;

    /// <summary>All cores: <see cref="MaxThreads"/> = <see cref="Environment.ProcessorCount"/>.</summary>
    public static ComputeOptions Default { get; } = new();

    /// <summary>The most threads one kernel call uses; at least 1; default <see cref="Environment.ProcessorCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When set below 1.</exception>
    public int MaxThreads
    {
        get => _maxThreads;
        init
        {
            if (value < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxThreads), value, "ComputeOptions.MaxThreads must be at least 1 (1 runs every kernel on the calling thread).");
            }

            _maxThreads = value;
        }
    }
}
