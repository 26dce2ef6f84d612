namespace Gradwire.Tensors;

/// <summary>
/// Where a tensor's storage lives: <see cref="Cpu"/> (host memory) today. The type can name an accelerator
/// (<c>cuda:0</c>) once a backend for one exists; host access (<see cref="Tensor.AsSpan{T}"/>,
/// <see cref="Tensor.ToArray{T}"/>, <see cref="Tensor.Item"/>) works on CPU tensors only.
/// </summary>
public readonly struct Device : IEquatable<Device>
{
    private readonly string? _type;

    internal Device(string type, int index)
    {
        _type = type;
        Index = index;
    }

    /// <summary>Host memory, run by the CPU backend.</summary>
    public static Device Cpu => default;

    /// <summary>The device type: <c>"cpu"</c> (later e.g. <c>"cuda"</c>).</summary>
    public string Type => _type ?? "cpu";

    /// <summary>The device's index among those of its type (0 for the CPU).</summary>
    public int Index { get; }

    /// <summary>True for host memory.</summary>
    public bool IsCpu => _type is null;

    /// <inheritdoc/>
    public bool Equals(Device other) => Type == other.Type && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Device other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Index);

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda:0</c>.</summary>
    public override string ToString() => IsCpu ? "cpu" : $"{Type}:{Index}";

    /// <summary>Same device.</summary>
    public static bool operator ==(Device left, Device right) => left.Equals(right);

    /// <summary>Different devices.</summary>
    public static bool operator !=(Device left, Device right) => !left.Equals(right);
}
