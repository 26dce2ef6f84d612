namespace Gradwire.Tensors;

/// <summary>
/// A deterministic lifetime for the tensors of one step: every tensor created on this thread while the scope
/// is the innermost one is disposed when the scope is (its buffer goes back to the pool), unless it was
/// moved out with <see cref="Tensor.MoveToOuterScope"/> or <see cref="Tensor.DetachFromScope"/>. Typical use,
/// one per training step: <c>using (TensorScope.Begin()) { forward; backward; step; }</c>. Tensors made
/// outside any scope are never disposed by one; forgetting to dispose is always safe (the GC collects).
/// </summary>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic]
    private static TensorScope? _current;

    private readonly TensorScope? _outer;
    private readonly List<Tensor> _tensors = new(64);
    private bool _disposed;

    private TensorScope(TensorScope? outer) => _outer = outer;

    /// <summary>The innermost open scope on this thread, if any.</summary>
    public static TensorScope? Current => _current;

    /// <summary>Tensors this scope will dispose (for diagnostics).</summary>
    public int Count => _tensors.Count;

    /// <summary>Opens a scope nested in the current one.</summary>
    public static TensorScope Begin()
    {
        var scope = new TensorScope(_current);
        _current = scope;
        return scope;
    }

    /// <summary>Disposes every tensor still owned by this scope and makes the outer scope current.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_current == this)
        {
            _current = _outer;
        }

        foreach (var tensor in _tensors)
        {
            if (tensor.Scope == this)
            {
                tensor.Scope = null;
                tensor.Dispose();
            }
        }

        _tensors.Clear();
    }

    internal static void Register(Tensor tensor)
    {
        var scope = _current;
        if (scope is not null)
        {
            scope._tensors.Add(tensor);
            tensor.Scope = scope;
        }
    }

    internal void Adopt(Tensor tensor)
    {
        _tensors.Add(tensor);
        tensor.Scope = this;
    }

    internal TensorScope? Outer => _outer;
}
