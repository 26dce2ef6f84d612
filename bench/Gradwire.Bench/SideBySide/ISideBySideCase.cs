namespace Gradwire.Bench.SideBySide;

/// <summary>
/// One workload done the same way in Gradwire and in TorchSharp. The runner warms both up, then times them
/// alternately and reports medians. A case that holds native tensors should also implement
/// <see cref="IDisposable"/>; the runner disposes it after timing.
/// </summary>
public interface ISideBySideCase
{
    /// <summary>Row label, e.g. <c>matmul f32 N=256</c>.</summary>
    string Name { get; }

    /// <summary>Floating-point operations per call (for GFLOP/s and % of peak); 0 when not meaningful.</summary>
    double Flops { get; }

    /// <summary>One call of the workload in Gradwire.</summary>
    void RunGradwire();

    /// <summary>The same call in TorchSharp (the runner has already set torch's thread count).</summary>
    void RunTorch();
}

/// <summary>
/// A family of cases, found by reflection: add a workload by adding one sealed class with a public
/// parameterless constructor in its own file (e.g. <c>SideBySide/AddSuite.cs</c>).
/// </summary>
public interface ISideBySideSuite
{
    /// <summary>Short name used by <c>--filter</c> together with the case names.</summary>
    string Name { get; }

    /// <summary>The cases to run with <paramref name="threads"/> threads on both sides.</summary>
    IEnumerable<ISideBySideCase> Cases(int threads);
}
