namespace Gradwire.Tensors;

/// <summary>
/// The flat buffer behind one or more tensors (a tensor and its views share it). It carries the version
/// counter that in-place writes bump, so backward can tell that a saved tensor changed, and a count of the
/// tensors that use it, so the buffer returns to the pool when the last of them is disposed.
/// </summary>
internal abstract class Storage
{
    private int _users = 1;

    protected Storage(int length, Device device)
    {
        Length = length;
        Device = device;
    }

    /// <summary>Elements in use (the array may be longer: pool size classes).</summary>
    public int Length { get; }

    /// <summary>Bumped by every in-place write through any tensor that shares this storage.</summary>
    public int Version { get; private set; }

    public abstract DType DType { get; }

    /// <summary>Where the buffer lives; only CPU storages may be read or written from the host.</summary>
    public Device Device { get; }

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

/// <summary>A storage of <typeparamref name="T"/> elements (float, double, long or bool).</summary>
internal sealed class Storage<T> : Storage
    where T : unmanaged
{
    private readonly bool _pooled;

    private static readonly DType ElementDType = DTypeOf();

    private Storage(T[] data, int length, bool pooled, Device device)
        : base(length, device)
    {
        Data = data;
        _pooled = pooled;
    }

    /// <summary>The buffer; null once released (a disposed tensor).</summary>
    public T[]? Data { get; private set; }

    public override DType DType => ElementDType;

    public override bool IsReleased => Data is null;

    /// <summary>A storage of <paramref name="length"/> elements from the pool, contents arbitrary.</summary>
    public static Storage<T> Rent(int length)
    {
        var data = BufferPool<T>.Rent(length, out var pooled);
        return new Storage<T>(data, length, pooled, Device.Cpu);
    }

    /// <summary>A storage over an array the caller gives up.</summary>
    public static Storage<T> Wrap(T[] data) => new(data, data.Length, pooled: false, Device.Cpu);

    /// <summary>
    /// A storage marked as living on <paramref name="device"/> (not pooled). Only tests use a non-CPU one: it
    /// proves that host access and dispatch refuse it with a message naming the fix.
    /// </summary>
    internal static Storage<T> OnDevice(T[] data, Device device) => new(data, data.Length, pooled: false, device);

    private static DType DTypeOf()
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"Storage: no dtype for element type {typeof(T).Name}.");
    }

    protected override void Release()
    {
        var data = Data;
        Data = null;
        if (_pooled && data is not null)
        {
            // Pooled storages are CPU ones: BufferPool<T> is the CPU device's pool.
            BufferPool<T>.Return(data);
        }
    }
}
