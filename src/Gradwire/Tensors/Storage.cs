namespace Gradwire.Tensors;

/// <summary>
/// The flat buffer behind one or more tensors (a tensor and its views share it). It carries the version
/// counter that in-place writes bump, so backward can tell that a saved tensor changed, and a count of the
/// tensors that use it, so the buffer returns to the pool when the last of them is disposed.
/// </summary>
internal abstract class Storage
{
    private int _users = 1;

    protected Storage(int length) => Length = length;

    /// <summary>Elements in use (the array may be longer: pool size classes).</summary>
    public int Length { get; }

    /// <summary>Bumped by every in-place write through any tensor that shares this storage.</summary>
    public int Version { get; private set; }

    public abstract DType DType { get; }

    public abstract bool IsReleased { get; }

    public void BumpVersion() => Version++;

    /// <summary>One more tensor (a view) uses this buffer.</summary>
    public void AddUser() => Interlocked.Increment(ref _users);

    /// <summary>One tensor is done with this buffer; the last one gives it back to the pool.</summary>
    public void RemoveUser()
    {
        if (Interlocked.Decrement(ref _users) == 0)
        {
            Release();
        }
    }

    protected abstract void Release();
}

/// <summary>A storage of <typeparamref name="T"/> elements (float or double).</summary>
internal sealed class Storage<T> : Storage
    where T : unmanaged
{
    private readonly bool _pooled;

    private Storage(T[] data, int length, bool pooled)
        : base(length)
    {
        Data = data;
        _pooled = pooled;
    }

    /// <summary>The buffer; null once released (a disposed tensor).</summary>
    public T[]? Data { get; private set; }

    public override DType DType => typeof(T) == typeof(float) ? DType.Float32 : DType.Float64;

    public override bool IsReleased => Data is null;

    /// <summary>A storage of <paramref name="length"/> elements from the pool, contents arbitrary.</summary>
    public static Storage<T> Rent(int length)
    {
        var data = BufferPool<T>.Rent(length, out var pooled);
        return new Storage<T>(data, length, pooled);
    }

    /// <summary>A storage over an array the caller gives up.</summary>
    public static Storage<T> Wrap(T[] data) => new(data, data.Length, pooled: false);

    protected override void Release()
    {
        var data = Data;
        Data = null;
        if (_pooled && data is not null)
        {
            BufferPool<T>.Return(data);
        }
    }
}
