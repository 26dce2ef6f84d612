namespace Gradwire.IO;

/// <summary>What a safetensors file holds: its tensors (in data order) and its <c>__metadata__</c> map.</summary>
public sealed class SafetensorsContent
{
    private readonly Dictionary<string, SafetensorsTensor> _byName;

    internal SafetensorsContent(List<SafetensorsTensor> tensors, Dictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
        _byName = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (var tensor in tensors) _byName.Add(tensor.Name, tensor);
    }

    /// <summary>The tensors, in the order their bytes appear in the file.</summary>
    public IReadOnlyList<SafetensorsTensor> Tensors { get; }

    /// <summary>The string → string metadata (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name (the message lists the names there are).</exception>
    public SafetensorsTensor this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException(
            $"No tensor named '{name}'; the file has: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetTensor(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SafetensorsTensor? tensor) =>
        _byName.TryGetValue(name, out tensor);
}
