using System.Runtime.CompilerServices;
using Gradwire.Autograd;
using Gradwire.Kernels;

namespace Gradwire.Tensors;

/// <summary>
/// An N-dimensional array of float32 (default), float64, int64 or bool elements with reverse-mode automatic
/// differentiation (of the floating-point ones). Storage is row-major; views (reshape, transpose, slice, expand, ...) share it through
/// strides and an offset. When <see cref="RequiresGrad"/> is set on a leaf, every op on it records itself on
/// the tape, and <see cref="Backward"/> fills each leaf's <see cref="Grad"/>.
/// </summary>
/// <remarks>
/// Buffers come from a pool. <see cref="Dispose"/> (or the end of a <see cref="TensorScope"/>) gives them
/// back; forgetting to dispose is safe: the garbage collector reclaims them. See docs/tensors.md and
/// docs/memory.md.
/// </remarks>
public sealed partial class Tensor : IDisposable
{
    private static readonly int[] NoDims = [];
    private static readonly int[] UnitStride = [1];

    private readonly Storage _storage;
    private bool _requiresGrad;
    private Tensor? _grad;

    /// <summary>Set by <see cref="ZeroGrad"/>: the gradient buffer is logically zero but not yet cleared.</summary>
    private bool _gradIsZero;

    internal Tensor(Storage storage, int[] shape, int[] strides, int offset, bool register = true)
    {
        _storage = storage;
        ShapeArray = shape;
        StridesArray = strides;
        Offset = offset;
        DType = storage.DType;
        long size = 1;
        var contiguous = true;
        var expected = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            var d = shape[i];
            size = Math.Min(size * d, long.MaxValue / int.MaxValue); // saturates: no wrap-around, even over many axes
            if (d != 1)
            {
                contiguous &= strides[i] == expected;
                expected *= d;
            }
        }

        if (size > Shape.MaxElements)
        {
            // Every op checks its result shape with its own name first; this is the backstop for any that does not.
            Shape.CheckedNumel("tensor", shape);
        }

        Numel = (int)size;
        IsContiguous = contiguous || size == 0;
        if (register)
        {
            TensorScope.Register(this);
        }
    }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>Where the storage lives (<see cref="Device.Cpu"/> today).</summary>
    public Device Device => _storage.Device;

    /// <summary>The sizes of the axes.</summary>
    public Shape Shape => Shape.Wrap(ShapeArray);

    /// <summary>Number of axes (0 for a scalar).</summary>
    public int Rank => ShapeArray.Length;

    /// <summary>Number of elements (PyTorch's <c>numel()</c>): the product of the axis sizes.</summary>
    public int Numel { get; }

    /// <summary>Elements to step in storage to move one along each axis (0 on a broadcast axis).</summary>
    public ReadOnlySpan<int> Strides => StridesArray;

    /// <summary>Index of the first element in the shared storage.</summary>
    public int StorageOffset => Offset;

    /// <summary>True when the elements lie in storage in row-major order without gaps.</summary>
    public bool IsContiguous { get; }

    /// <summary>True for tensors not computed by a recorded op (user-created, detached, or computed without grad).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Name of the op that computed this tensor ("mul", "matmul", ...), or "" for a leaf.</summary>
    public string Op => GradFn?.Name ?? "";

    /// <summary>Counts in-place writes to the shared storage; backward uses it to detect changed saved tensors.</summary>
    public int Version => _storage.Version;

    /// <summary>True after <see cref="Dispose"/>; reading a disposed tensor throws <see cref="ObjectDisposedException"/>.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>
    /// Whether gradients flow to this tensor. Settable on leaves only (typically parameters); a tensor computed
    /// from one that requires grad requires grad too.
    /// </summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (GradFn is not null)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be set on a leaf tensor; this one (shape {Shape}) was computed by '{GradFn.Name}'. " +
                    "Use Detach() to get a leaf that shares its data.");
            }

            if (value && !DType.IsFloatingPoint())
            {
                throw new InvalidOperationException(
                    $"RequiresGrad: only floating point tensors can require gradients; this one is {DType.Name()} (shape {Shape}). " +
                    "Convert it first with To(DType.Float32) if it should be differentiated.");
            }

            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient (same shape and dtype), filled by <see cref="Backward"/>; null until then.</summary>
    public Tensor? Grad
    {
        get
        {
            if (_gradIsZero)
            {
                // ZeroGrad deferred the clearing; whoever reads first pays for it.
                _gradIsZero = false;
                _grad!.FillUnchecked(0);
                _grad.BumpVersion();
            }

            return _grad;
        }

        set
        {
            _gradIsZero = false;
            if (value is not null && (value.ShapeArray.AsSpan().SequenceEqual(ShapeArray) is false || value.DType != DType))
            {
                throw new ArgumentException(
                    $"Grad: a gradient of shape {value.Shape} ({value.DType.Name()}) does not fit a tensor of shape {Shape} ({DType.Name()}).");
            }

            _grad = value;
        }
    }

    /// <summary>True while gradients are recorded on this thread (false inside <see cref="NoGrad"/>).</summary>
    public static bool IsGradEnabled => GradMode.Enabled;

    internal int[] ShapeArray { get; }

    internal int[] StridesArray { get; }

    internal int Offset { get; }

    internal Storage Storage => _storage;

    internal Node? GradFn { get; private set; }

    internal TensorScope? Scope { get; set; }

    /// <summary>
    /// A scope in which ops record nothing: for inference and optimizer updates (no tape, fewer allocations).
    /// <c>using (Tensor.NoGrad()) { ... }</c> or <c>using var _ = Tensor.NoGrad();</c>.
    /// </summary>
    public static GradModeScope NoGrad() => new(false);

    /// <summary>Turns recording back on inside a <see cref="NoGrad"/> scope.</summary>
    public static GradModeScope EnableGrad() => new(true);

    /// <summary>
    /// The size of <paramref name="axis"/> (negative counts from the end), as PyTorch's <c>size(dim)</c>. The
    /// number of axes is <see cref="Rank"/>; the number of elements is <see cref="Numel"/>.
    /// </summary>
    public int Size(int axis) => ShapeArray[Shape.NormalizeAxis("size", axis, Rank)];

    /// <summary>
    /// Reverse-mode sweep from this tensor: accumulates d(this)/d(leaf) into every leaf's <see cref="Grad"/>.
    /// For a tensor with more than one element pass <paramref name="gradient"/> (the vector in the
    /// vector-Jacobian product). With <paramref name="createGraph"/> the backward ops are recorded, so the
    /// gradients can be differentiated again (second derivatives, Hessian-vector products). The graph is kept:
    /// calling Backward again accumulates again.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool createGraph = false) => Engine.Backward(this, gradient, createGraph);

    /// <summary>
    /// Sets the gradient to zero, keeping its buffer (or drops it with <paramref name="setToNull"/>). The
    /// clearing is deferred: the next backward pass writes its gradient straight into the buffer instead of
    /// adding to zeros, which saves two passes over every parameter per training step.
    /// </summary>
    public void ZeroGrad(bool setToNull = false)
    {
        if (setToNull || _grad is null || _grad.RequiresGrad)
        {
            _grad = null;
            _gradIsZero = false;
            return;
        }

        _gradIsZero = true;
    }

    /// <summary>Adds a backward pass's gradient into <see cref="Grad"/> (no graph): copies into a zeroed or missing buffer, else adds.</summary>
    internal void AccumulateGrad(Tensor g)
    {
        if (_grad is null)
        {
            _grad = g.CloneUnscoped();
        }
        else if (_gradIsZero)
        {
            _gradIsZero = false;
            g.CopyInto(_grad);
            _grad.BumpVersion();
        }
        else
        {
            _grad.AccumulateInPlace(g);
        }
    }

    /// <summary>A leaf that shares this tensor's data but is cut from the graph (no gradient flows through it).</summary>
    public Tensor Detach()
    {
        _storage.AddUser();
        return new Tensor(_storage, ShapeArray, StridesArray, Offset);
    }

    /// <summary>Gives the buffer back to the pool when no other view uses it. Idempotent.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        Scope = null;
        _storage.RemoveUser();
    }

    /// <summary>Takes this tensor out of the current <see cref="TensorScope"/>: it will live until disposed or collected.</summary>
    public Tensor DetachFromScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Hands this tensor to the scope around its current one (or to none), so it outlives the inner scope.</summary>
    public Tensor MoveToOuterScope()
    {
        var outer = Scope?.Outer;
        Scope = null;
        outer?.Adopt(this);
        return this;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double Item()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"Item: the tensor has shape {Shape} ({Numel} elements); Item() needs exactly one.");
        }

        CheckHost("Item");
        return GetFlat(Offset);
    }

    /// <summary>The element at <paramref name="indices"/> (one per axis, negative counts from the end).</summary>
    [IndexerName("At")]
    public double this[params int[] indices]
    {
        get
        {
            CheckHost("index");
            var at = ElementOffset("index", indices);
            return GetFlat(at);
        }

        set
        {
            CheckWritable("index assignment");
            CheckHost("index assignment");
            var at = ElementOffset("index assignment", indices);
            SetFlat(at, value);
            _storage.BumpVersion();
        }
    }

    /// <summary>The elements in row-major order, converted to float.</summary>
    public float[] ToFloatArray() => ToArray<float>();

    /// <summary>The elements in row-major order, converted to double.</summary>
    public double[] ToDoubleArray() => ToArray<double>();

    /// <summary>The elements in row-major order as int64.</summary>
    public long[] ToInt64Array() => ToArray<long>();

    /// <summary>The elements in row-major order as bool (<c>x ≠ 0</c>).</summary>
    public bool[] ToBoolArray() => ToArray<bool>();

    /// <summary>
    /// The elements in row-major order as <typeparamref name="T"/> (float, double, long or bool), converted
    /// if needed with the rules of <see cref="To(DType)"/>. CPU tensors only.
    /// </summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        _ = DTypeOf<T>("ToArray");
        CheckHost("ToArray");
        var result = new T[Numel];
        if (Numel == 0)
        {
            return result;
        }

        switch (DType)
        {
            case DType.Float32: ConvertKernels.Convert(ContiguousSpan<float>(out var t32), result.AsSpan()); t32?.Dispose(); break;
            case DType.Float64: ConvertKernels.Convert(ContiguousSpan<double>(out var t64), result.AsSpan()); t64?.Dispose(); break;
            case DType.Int64: ConvertKernels.Convert(ContiguousSpan<long>(out var ti), result.AsSpan()); ti?.Dispose(); break;
            default: ConvertKernels.Convert(ContiguousSpan<bool>(out var tb), result.AsSpan()); tb?.Dispose(); break;
        }

        return result;
    }

    /// <summary>
    /// The elements of a contiguous tensor as a span over its storage, for fused loops (optimizers, data
    /// loading). <typeparamref name="T"/> must match <see cref="DType"/>. Writing through it counts as an
    /// in-place write: the version is bumped now.
    /// </summary>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsSpan: the tensor (shape {Shape}) is not contiguous; call Contiguous() first.");
        }

        CheckHost("AsSpan");
        CheckWritable("AsSpan");
        var span = new Span<T>(TypedData<T>("AsSpan"), Offset, Numel);
        _storage.BumpVersion();
        return span;
    }

    /// <summary>The elements of a contiguous tensor as a read-only span; <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan<T>()
        where T : unmanaged
    {
        if (!IsContiguous)
        {
            throw new InvalidOperationException($"AsReadOnlySpan: the tensor (shape {Shape}) is not contiguous; call Contiguous() first.");
        }

        CheckHost("AsReadOnlySpan");
        return new ReadOnlySpan<T>(TypedData<T>("AsReadOnlySpan"), Offset, Numel);
    }

    internal T[] TypedData<T>(string op)
        where T : unmanaged
    {
        if (DTypeOf<T>(op) != DType)
        {
            throw new InvalidOperationException($"{op}: the tensor is {DType.Name()}, not {typeof(T).Name}.");
        }

        return Data<T>();
    }

    /// <summary>The dtype whose elements are <typeparamref name="T"/>; throws naming <paramref name="op"/> for other types.</summary>
    internal static DType DTypeOf<T>(string op)
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        throw new NotSupportedException($"{op}: element type {typeof(T).Name} has no dtype; use float, double, long or bool.");
    }

    /// <summary>Throws unless the storage is in host memory, naming the fix.</summary>
    internal void CheckHost(string op)
    {
        if (!_storage.Device.IsCpu)
        {
            throw new InvalidOperationException(
                $"{op}: the tensor (shape {Shape}, {DType.Name()}) lives on device {_storage.Device}; host access needs a CPU tensor: call To(Device.Cpu) first.");
        }
    }

    /// <summary>The storage array; the caller has checked that <typeparamref name="T"/> matches the dtype.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal T[] Data<T>()
        where T : unmanaged
    {
        if (IsDisposed)
        {
            ThrowDisposed();
        }

        // A sealed-type check (one compare): a kernel picked for the wrong dtype throws instead of
        // reinterpreting the bytes of another element type.
        if (_storage is not Storage<T> typed)
        {
            ThrowWrongType(typeof(T));
            return null!;
        }

        return typed.Data!;
    }

    internal void SetGradFn(Node node)
    {
        GradFn = node;
        _requiresGrad = true;
    }

    /// <summary>Throws when an in-place write would corrupt the tape: a tensor that requires grad, while recording.</summary>
    internal void CheckWritable(string op)
    {
        if (IsDisposed)
        {
            ThrowDisposed();
        }

        if (_requiresGrad && GradMode.Enabled)
        {
            throw new InvalidOperationException(
                $"{op}: cannot modify a tensor that requires grad (shape {Shape}{(GradFn is null ? ", a leaf" : $", computed by '{GradFn.Name}'")}) " +
                "in place while gradients are recorded; do it inside 'using (Tensor.NoGrad())' (e.g. optimizer updates), or work on a Clone().");
        }

        // A zero stride on an axis longer than 1 (an Expand) makes several elements share one memory cell:
        // a write through it would be order-dependent, so refuse it as PyTorch does.
        for (var axis = 0; axis < StridesArray.Length; axis++)
        {
            if (StridesArray[axis] == 0 && ShapeArray[axis] > 1)
            {
                throw new InvalidOperationException(
                    $"{op}: unsupported operation on a tensor of shape {Shape}: more than one element of the written-to tensor " +
                    $"refers to a single memory location (axis {axis} has stride 0, e.g. from Expand); call Contiguous() or Clone() first.");
            }
        }
    }

    internal void BumpVersion() => _storage.BumpVersion();

    /// <summary>A contiguous, uninitialized tensor registered in the current scope.</summary>
    internal static Tensor Empty(int[] shape, DType dtype, bool register = true)
    {
        var size = Shape.CheckedNumel("empty", shape);

        Storage storage = dtype switch
        {
            DType.Float32 => Storage<float>.Rent(size),
            DType.Float64 => Storage<double>.Rent(size),
            DType.Int64 => Storage<long>.Rent(size),
            DType.Bool => Storage<bool>.Rent(size),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), $"unknown dtype {(int)dtype}."),
        };
        return new Tensor(storage, shape, ContiguousStrides(shape), 0, register);
    }

    /// <summary>A contiguous, uninitialized temporary that no scope owns (dispose it).</summary>
    internal static Tensor EmptyUntracked(int[] shape, DType dtype) => Empty(shape, dtype, register: false);

    /// <summary>A scalar temporary that no scope owns.</summary>
    internal static Tensor ScalarUntracked(double value, DType dtype)
    {
        var t = Empty(NoDims, dtype, register: false);
        t.SetFlat(0, value);
        return t;
    }

    internal static int[] ContiguousStrides(int[] shape)
    {
        switch (shape.Length)
        {
            case 0: return NoDims;
            case 1: return UnitStride;
        }

        var strides = new int[shape.Length];
        var s = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }

        return strides;
    }

    /// <summary>A view sharing this storage (no node recorded; the caller records one if needed).</summary>
    internal Tensor ViewOf(int[] shape, int[] strides, int offset, bool register = true)
    {
        if (IsDisposed)
        {
            ThrowDisposed();
        }

        _storage.AddUser();
        return new Tensor(_storage, shape, strides, offset, register);
    }

    /// <summary>A contiguous copy (no node, not owned by any scope): for kernels' temporaries.</summary>
    internal Tensor CopyContiguousTemp()
    {
        var copy = EmptyUntracked(ShapeArray, DType);
        CopyInto(copy);
        return copy;
    }

    /// <summary>A detached contiguous copy owned by no scope: the first gradient stored on a leaf.</summary>
    internal Tensor CloneUnscoped()
    {
        var copy = Empty(ShapeArray, DType, register: false);
        CopyInto(copy);
        return copy;
    }

    /// <summary>Copies (broadcasting) this tensor's elements into <paramref name="destination"/>; no checks, no node.</summary>
    internal void CopyInto(Tensor destination)
    {
        if (DType != destination.DType)
        {
            using var converted = To(destination.DType, record: false);
            converted.CopyInto(destination);
            return;
        }

        switch (DType)
        {
            case DType.Float32: ElementwiseKernels.Copy<float>(this, destination); break;
            case DType.Float64: ElementwiseKernels.Copy<double>(this, destination); break;
            case DType.Int64: ElementwiseKernels.Copy<long>(this, destination); break;
            default: ElementwiseKernels.Copy<bool>(this, destination); break;
        }
    }

    /// <summary>Copies into a CPU tensor of the same shape and dtype, reading this storage from the host whatever its device (To(Device.Cpu)).</summary>
    internal void CopyToHostUnchecked(Tensor destination) => CopyInto(destination);

    /// <summary>This tensor's elements in a storage marked as living on <paramref name="device"/>: for tests of the device checks.</summary>
    internal Tensor OnTestDevice(Device device)
    {
        using var c = CopyContiguousTemp();
        Storage storage = DType switch
        {
            DType.Float32 => Storage<float>.OnDevice(c.Data<float>().AsSpan(0, Numel).ToArray(), device),
            DType.Float64 => Storage<double>.OnDevice(c.Data<double>().AsSpan(0, Numel).ToArray(), device),
            DType.Int64 => Storage<long>.OnDevice(c.Data<long>().AsSpan(0, Numel).ToArray(), device),
            _ => Storage<bool>.OnDevice(c.Data<bool>().AsSpan(0, Numel).ToArray(), device),
        };
        return new Tensor(storage, ShapeArray, ContiguousStrides(ShapeArray), 0);
    }

    /// <summary><c>this += g</c> during backward (no checks, no node): accumulating gradients.</summary>
    internal void AccumulateInPlace(Tensor g)
    {
        if (DType == DType.Float32)
        {
            ElementwiseKernels.Binary<float>(BinaryOp.Add, this, g, this);
        }
        else
        {
            ElementwiseKernels.Binary<double>(BinaryOp.Add, this, g, this);
        }

        _storage.BumpVersion();
    }

    /// <summary>The storage element at <paramref name="offset"/> as a double (int64 beyond 2⁵³ rounds; bool is 1 or 0).</summary>
    internal double GetFlat(int offset) => DType switch
    {
        DType.Float32 => Data<float>()[offset],
        DType.Float64 => Data<double>()[offset],
        DType.Int64 => Data<long>()[offset],
        _ => Data<bool>()[offset] ? 1 : 0,
    };

    /// <summary>Stores <paramref name="value"/>: int64 truncates toward zero (as <see cref="To(DType)"/>), bool is <c>value ≠ 0</c>.</summary>
    internal void SetFlat(int offset, double value)
    {
        switch (DType)
        {
            case DType.Float32: Data<float>()[offset] = (float)value; break;
            case DType.Float64: Data<double>()[offset] = value; break;
            case DType.Int64: Data<long>()[offset] = long.CreateSaturating(value); break;
            default: Data<bool>()[offset] = value != 0; break;
        }
    }

    private ReadOnlySpan<T> ContiguousSpan<T>(out Tensor? temp)
        where T : unmanaged
    {
        if (IsContiguous)
        {
            temp = null;
            return new ReadOnlySpan<T>(Data<T>(), Offset, Numel);
        }

        temp = CopyContiguousTemp();
        return new ReadOnlySpan<T>(temp.Data<T>(), 0, Numel);
    }

    private int ElementOffset(string op, int[] indices)
    {
        if (indices.Length != Rank)
        {
            throw new ArgumentException($"{op}: {indices.Length} indices given for a tensor of rank {Rank} (shape {Shape}).");
        }

        var at = Offset;
        for (var axis = 0; axis < indices.Length; axis++)
        {
            var size = ShapeArray[axis];
            var i = indices[axis] < 0 ? indices[axis] + size : indices[axis];
            if ((uint)i >= (uint)size)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), $"{op}: index {indices[axis]} is out of range for axis {axis} of size {size} (shape {Shape}).");
            }

            at += i * StridesArray[axis];
        }

        return at;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowWrongType(Type type) =>
        throw new InvalidOperationException(
            $"The tensor of shape {Shape} is {DType.Name()}, but was read as {type.Name} (an op without a kernel for {DType.Name()}); convert it with To(DType) first.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(Tensor), $"The tensor of shape {Shape} was disposed (directly or by its TensorScope).");
}
