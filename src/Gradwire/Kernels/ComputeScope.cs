namespace Gradwire.Kernels;

/// <summary>An open <see cref="Compute.Use(ComputeOptions)"/> scope; disposing it restores the options before it.</summary>
public sealed class ComputeScope : IDisposable
{
    private readonly ComputeOptions? _previous;
    private bool _disposed;

    internal ComputeScope(ComputeOptions? previous) => _previous = previous;

    /// <summary>Restores the options that were in effect when the scope opened. Disposing twice does nothing.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Compute.End(_previous);
    }
}
