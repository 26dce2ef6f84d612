using Gradwire.NN;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Optim;

/// <summary>
/// Updates parameters in place from their gradients. <see cref="Step()"/> walks the parameters that have a
/// gradient and applies the rule to their buffers directly (fused SIMD loops over the storage, no tape, no
/// allocation after the first step, which creates the state buffers). The state (moment estimates, step count,
/// learning rate) is exposed by <see cref="StateDict"/> for checkpoints and restored by <see cref="LoadStateDict"/>.
/// </summary>
public abstract class Optimizer
{
    private readonly Parameter[] _parameters;
    private readonly Dictionary<string, Tensor>[] _state;

    /// <summary>Creates an optimizer over <paramref name="parameters"/> with learning rate <paramref name="learningRate"/>.</summary>
    protected Optimizer(IEnumerable<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
        if (_parameters.Length == 0)
        {
            throw new ArgumentException($"{GetType().Name}: no parameters to optimize.", nameof(parameters));
        }

        CheckRate(learningRate);
        LearningRate = learningRate;
        _state = new Dictionary<string, Tensor>[_parameters.Length];
        for (var i = 0; i < _state.Length; i++)
        {
            _state[i] = [];
        }
    }

    /// <summary>The parameters updated, in order (state keys use these indices).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The step size; schedules set it before each step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step()"/> calls so far (Adam's bias correction uses it).</summary>
    public long StepCount { get; private set; }

    /// <summary>A short name, e.g. <c>sgd</c>, <c>adam</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Zeroes every parameter's gradient (in place: the buffers are reused by the next backward).</summary>
    public void ZeroGrad(bool setToNull = false)
    {
        foreach (var p in _parameters)
        {
            p.Value.ZeroGrad(setToNull);
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public virtual void Step()
    {
        StepCount++;
        using var noGrad = Tensor.NoGrad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            if (p.Grad is not { } grad)
            {
                continue;
            }

            var g = grad.IsContiguous ? grad : grad.Contiguous();
            if (p.Value.DType == DType.Float32)
            {
                Update<float>(i, TensorSpans.Of<float>(p.Value), TensorSpans.Of<float>(g));
            }
            else
            {
                Update<double>(i, TensorSpans.Of<double>(p.Value), TensorSpans.Of<double>(g));
            }

            p.Value.BumpVersion();
        }
    }

    /// <summary>
    /// The optimizer's state: <c>"step"</c> and <c>"lr"</c> as float64 scalars, and for each parameter index
    /// <c>i</c> its buffers as <c>"i.NAME"</c> (e.g. <c>"0.exp_avg"</c>). Tensors are the live buffers.
    /// </summary>
    public virtual IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>
        {
            ["step"] = Tensor.Scalar(StepCount, DType.Float64).DetachFromScope(),
            ["lr"] = Tensor.Scalar(LearningRate, DType.Float64).DetachFromScope(),
        };
        for (var i = 0; i < _state.Length; i++)
        {
            foreach (var (name, buffer) in _state[i])
            {
                state[$"{i}.{name}"] = buffer;
            }
        }

        return state;
    }

    /// <summary>Restores a state written by <see cref="StateDict"/> (of an optimizer of the same kind over the same shapes).</summary>
    /// <exception cref="ArgumentException">An entry is missing, unknown, or has the wrong shape (the message names it).</exception>
    public virtual void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetValue("step", out var step) || !state.TryGetValue("lr", out var lr))
        {
            throw new ArgumentException($"{Name}: the optimizer state has no 'step' or 'lr' entry.");
        }

        var restored = new Dictionary<string, Tensor>[_parameters.Length];
        for (var i = 0; i < restored.Length; i++)
        {
            restored[i] = [];
        }

        foreach (var (key, value) in state)
        {
            if (key is "step" or "lr")
            {
                continue;
            }

            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || !int.TryParse(key.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                || index >= _parameters.Length)
            {
                throw new ArgumentException($"{Name}: the optimizer state has an entry '{key}' that names no parameter (there are {_parameters.Length}).");
            }

            var p = _parameters[index].Value;
            if (value.Shape != p.Shape)
            {
                throw new ArgumentException($"{Name}: state '{key}' has shape {value.Shape} but parameter {index} has shape {p.Shape}.");
            }

            var copy = Tensor.Zeros(p.Shape, p.DType).DetachFromScope();
            using (Tensor.NoGrad())
            {
                copy.CopyFrom(value.DType == p.DType ? value : value.To(p.DType));
            }

            restored[index][key[(dot + 1)..]] = copy;
        }

        for (var i = 0; i < restored.Length; i++)
        {
            _state[i] = restored[i];
        }

        StepCount = (long)step.Item();
        LearningRate = lr.Item();
    }

    /// <summary>Applies the rule to parameter <paramref name="index"/>: <paramref name="w"/> in place from <paramref name="g"/>.</summary>
    protected abstract void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>The buffer <paramref name="name"/> of parameter <paramref name="index"/>, created zero on first use (<paramref name="created"/> true then).</summary>
    protected Span<T> State<T>(int index, string name, out bool created)
        where T : unmanaged
    {
        var states = _state[index];
        if (!states.TryGetValue(name, out var buffer))
        {
            var p = _parameters[index].Value;
            buffer = Tensor.Zeros(p.Shape, p.DType).DetachFromScope();
            states[name] = buffer;
            created = true;
        }
        else
        {
            created = false;
        }

        return TensorSpans.Of<T>(buffer);
    }

    /// <summary>The buffer <paramref name="name"/> of parameter <paramref name="index"/>, created zero on first use.</summary>
    protected Span<T> State<T>(int index, string name)
        where T : unmanaged => State<T>(index, name, out _);

    /// <summary>Throws unless <paramref name="rate"/> is finite and ≥ 0.</summary>
    protected static void CheckRate(double rate)
    {
        if (!(rate >= 0) || double.IsInfinity(rate))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The learning rate must be a finite number ≥ 0.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    protected void CheckRange(string what, double value, double low, double high)
    {
        if (!(value >= low && value <= high))
        {
            throw new ArgumentOutOfRangeException(what, value, $"{Name}: {what} must be in [{low}, {high}], got {value}.");
        }
    }
}
