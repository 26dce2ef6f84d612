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
    private readonly long[] _steps;

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
        _steps = new long[_parameters.Length];
        for (var i = 0; i < _state.Length; i++)
        {
            _state[i] = [];
        }
    }

    /// <summary>The parameters updated, in order (state keys use these indices).</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The step size; schedules set it before each step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of <see cref="Step()"/> calls so far (Adam's bias correction counts per parameter: <see cref="ParameterStep"/>).</summary>
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

            // Like PyTorch, each parameter counts its own updates (a parameter first used late starts at step 1).
            _steps[i]++;
            var g = grad.IsContiguous ? grad : grad.Contiguous();
            if (p.Value.DType == DType.Float32)
            {
                Update<float>(i, TensorSpans.Of<float>(p.Value), TensorSpans.Of<float>(g), p.Decay);
            }
            else
            {
                Update<double>(i, TensorSpans.Of<double>(p.Value), TensorSpans.Of<double>(g), p.Decay);
            }

            p.Value.BumpVersion();
        }
    }

    /// <summary>
    /// The optimizer's state: <c>"step"</c> and <c>"lr"</c> as float64 scalars, and for each parameter index
    /// <c>i</c> its update count <c>"i.step"</c> (a float64 scalar) and its buffers as <c>"i.NAME"</c>
    /// (e.g. <c>"0.exp_avg"</c>). Tensors are the live buffers.
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
            if (_steps[i] > 0)
            {
                state[$"{i}.step"] = Tensor.Scalar(_steps[i], DType.Float64).DetachFromScope();
            }

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
        var steps = new long[_parameters.Length];
        var hasSteps = new bool[_parameters.Length];
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

            if (key.AsSpan(dot + 1) is "step")
            {
                if (value.Numel != 1)
                {
                    throw new ArgumentException($"{Name}: state '{key}' must be a scalar, got shape {value.Shape}.");
                }

                steps[index] = (long)value.Item();
                hasSteps[index] = true;
                continue;
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

        StepCount = (long)step.Item();
        for (var i = 0; i < restored.Length; i++)
        {
            _state[i] = restored[i];

            // A state written before per-parameter counts: a parameter with buffers was updated at every step.
            _steps[i] = hasSteps[i] ? steps[i] : restored[i].Count > 0 ? StepCount : 0;
        }

        LearningRate = lr.Item();
    }

    /// <summary>
    /// Applies the rule to parameter <paramref name="index"/>: <paramref name="w"/> in place from <paramref name="g"/>.
    /// <paramref name="decay"/> is the parameter's <see cref="Parameter.Decay"/>: when false (biases) the rule uses
    /// no weight decay.
    /// </summary>
    protected abstract void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    /// <summary>How many updates parameter <paramref name="index"/> has had, this one included (it counts only steps where it had a gradient).</summary>
    protected long ParameterStep(int index) => _steps[index];

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
