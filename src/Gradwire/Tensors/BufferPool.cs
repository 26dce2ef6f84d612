namespace Gradwire.Tensors;

/// <summary>
/// Reuses tensor buffers so that a training step in steady state does not allocate its large arrays again.
/// Size classes are powers of two from <see cref="MinPooledLength"/> up; a rented array may be longer than
/// asked (storage keeps its own length) and is not cleared. Small arrays come straight from the GC, which is
/// cheaper for them than a lock. See docs/memory.md.
/// </summary>
internal static class BufferPool<T>
    where T : unmanaged
{
    /// <summary>Arrays shorter than this are not pooled.</summary>
    public const int MinPooledLength = 256;

    private const int MaxBucket = 30;

    /// <summary>At most this many bytes are kept per size class, so huge buffers are not hoarded.</summary>
    private const long MaxBytesPerBucket = 256L << 20;

    private static readonly Stack<T[]>[] Buckets = CreateBuckets();
    private static long _allocated;
    private static long _reused;

    /// <summary>Arrays the pool had to allocate (for tests and docs: flat in steady state).</summary>
    public static long Allocated => Interlocked.Read(ref _allocated);

    /// <summary>Rents served from the pool.</summary>
    public static long Reused => Interlocked.Read(ref _reused);

    /// <summary>An array of at least <paramref name="length"/> elements, with arbitrary contents.</summary>
    public static T[] Rent(int length, out bool pooled)
    {
        if (length < MinPooledLength)
        {
            pooled = false;
            return length == 0 ? [] : new T[length];
        }

        var bucket = BucketOf(length);
        if (bucket > MaxBucket)
        {
            pooled = false;
            return GC.AllocateUninitializedArray<T>(length);
        }

        pooled = true;
        var stack = Buckets[bucket];
        lock (stack)
        {
            if (stack.Count > 0)
            {
                Interlocked.Increment(ref _reused);
                return stack.Pop();
            }
        }

        Interlocked.Increment(ref _allocated);
        return GC.AllocateUninitializedArray<T>(1 << bucket);
    }

    /// <summary>Gives back an array that <see cref="Rent"/> returned with <c>pooled</c> set.</summary>
    public static void Return(T[] array)
    {
        var bucket = BucketOf(array.Length);
        if (bucket > MaxBucket || array.Length != 1 << bucket)
        {
            return;
        }

        var stack = Buckets[bucket];
        var limit = Math.Max(4, MaxBytesPerBucket / ((long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));
        lock (stack)
        {
            if (stack.Count < limit)
            {
                stack.Push(array);
            }
        }
    }

    /// <summary>Drops every pooled array (the GC then reclaims them).</summary>
    public static void Clear()
    {
        foreach (var stack in Buckets)
        {
            lock (stack)
            {
                stack.Clear();
            }
        }
    }

    private static int BucketOf(int length) => length <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(length - 1));

    private static Stack<T[]>[] CreateBuckets()
    {
        var buckets = new Stack<T[]>[MaxBucket + 1];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = new Stack<T[]>();
        }

        return buckets;
    }
}
