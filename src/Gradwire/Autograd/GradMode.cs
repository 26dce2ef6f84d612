namespace Gradwire.Autograd;

/// <summary>
/// Whether ops record the graph on this thread. Off inside <see cref="Tensors.Tensor.NoGrad"/> (inference,
/// optimizer updates) and during a plain backward pass; on during a <c>createGraph</c> backward.
/// </summary>
internal static class GradMode
{
    [ThreadStatic]
    private static bool _disabled;

    public static bool Enabled => !_disabled;

    /// <summary>Sets the mode and returns the previous one (for restoring).</summary>
    public static bool Set(bool enabled)
    {
        var previous = !_disabled;
        _disabled = !enabled;
        return previous;
    }
}

/// <summary>
/// Restores the previous gradient mode when disposed; returned by <see cref="Tensors.Tensor.NoGrad"/> and
/// <see cref="Tensors.Tensor.EnableGrad"/>. Use with <c>using</c>.
/// </summary>
public readonly struct GradModeScope : IDisposable
{
    private readonly bool _previous;

    internal GradModeScope(bool enabled) => _previous = GradMode.Set(enabled);

    /// <summary>Restores the mode that was in effect before this scope.</summary>
    public void Dispose() => GradMode.Set(_previous);
}
