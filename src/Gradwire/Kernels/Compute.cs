namespace Gradwire.Kernels;

/// <summary>
/// The <see cref="ComputeOptions"/> in effect for the current thread and async flow. There is no global
/// setter: a scope puts options in effect until it is disposed, and nested scopes restore the outer ones,
/// so two callers (two tests, two requests) never change each other's thread count.
/// <code>
/// using (Compute.WithThreads(2))
/// {
///     trainer.Fit(10);   // every kernel call inside uses at most 2 threads
/// }
/// </code>
/// </summary>
/// <remarks>
/// The scope flows with <see cref="System.Threading.ExecutionContext"/> (an <see cref="AsyncLocal{T}"/>):
/// into awaited continuations and tasks started inside it, not into threads started elsewhere.
/// </remarks>
public static class Compute
{
    private static readonly AsyncLocal<ComputeOptions?> s_current = new();

    // How many scopes are open anywhere: while none is, kernels skip the async-local read (the common case, and
    // the one tiny ops such as a 2-4-1 XOR step pay for on every call).
    private static int s_openScopes;

    /// <summary>The options in effect here: the innermost open scope's, else <see cref="ComputeOptions.Default"/>.</summary>
    public static ComputeOptions Current =>
        Volatile.Read(ref s_openScopes) == 0 ? ComputeOptions.Default : s_current.Value ?? ComputeOptions.Default;

    /// <summary>Puts <paramref name="options"/> in effect until the returned scope is disposed.</summary>
    public static ComputeScope Use(ComputeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = s_current.Value;
        s_current.Value = options;
        Interlocked.Increment(ref s_openScopes);
        return new ComputeScope(previous);
    }

    /// <summary>Limits kernel calls to <paramref name="maxThreads"/> threads until the scope is disposed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxThreads"/> is below 1.</exception>
    public static ComputeScope WithThreads(int maxThreads) =>
        Use(Current with { MaxThreads = maxThreads });

    internal static void End(ComputeOptions? previous)
    {
        s_current.Value = previous;
        Interlocked.Decrement(ref s_openScopes);
    }
}
