using System.Text;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A piece of a network: it maps an input tensor to an output tensor in <see cref="Forward"/> and owns
/// <see cref="Parameter"/>s and child modules, registered by name, so that the whole tree can be listed
/// (<see cref="NamedParameters"/>: dotted names such as <c>"0.weight"</c>), switched between training and
/// evaluation (<see cref="Train"/>, <see cref="Eval"/>: dropout behaves differently), zeroed
/// (<see cref="ZeroGrad"/>) and saved or restored as a state dictionary (<see cref="StateDict"/>,
/// <see cref="LoadStateDict"/>).
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Parameter>> _parameters = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the module's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Same as <see cref="Forward"/>, so a module reads like a function: <c>model.Call(x)</c>.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>The direct children, in registration order.</summary>
    public IReadOnlyList<KeyValuePair<string, Module>> Children => _children;

    /// <summary>Every parameter of this module and its descendants, in registration order (depth first).</summary>
    public IReadOnlyList<Parameter> Parameters()
    {
        var list = new List<Parameter>();
        foreach (var (_, p) in NamedParameters())
        {
            list.Add(p);
        }

        return list;
    }

    /// <summary>Every parameter with its dotted name (<c>"layer1.weight"</c>), depth first in registration order.</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> NamedParameters()
    {
        var list = new List<KeyValuePair<string, Parameter>>();
        Collect("", list);
        return list;
    }

    /// <summary>Total number of trainable numbers.</summary>
    public long ParameterCount()
    {
        long count = 0;
        foreach (var p in Parameters())
        {
            count += p.Numel;
        }

        return count;
    }

    /// <summary>Switches this module and its descendants to training (<paramref name="training"/> true) or evaluation mode.</summary>
    public Module Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in _children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>Switches to evaluation mode (dropout off). Same as <c>Train(false)</c>.</summary>
    public Module Eval() => Train(false);

    /// <summary>Zeroes every parameter's gradient in place (or drops it with <paramref name="setToNull"/>).</summary>
    public void ZeroGrad(bool setToNull = false)
    {
        foreach (var p in Parameters())
        {
            p.Value.ZeroGrad(setToNull);
        }
    }

    /// <summary>
    /// The parameters by dotted name, in order. The tensors are the parameters themselves, not copies: save
    /// them (e.g. with a checkpoint) before training on.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        foreach (var (name, p) in NamedParameters())
        {
            state[name] = p.Value;
        }

        return state;
    }

    /// <summary>
    /// Copies <paramref name="state"/> into the parameters with the same names. With <paramref name="strict"/>
    /// every parameter must be present and no extra name allowed.
    /// </summary>
    /// <exception cref="ArgumentException">A name is missing or unexpected, or a shape or dtype differs (the message names it).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var named = NamedParameters();
        var known = new HashSet<string>();
        foreach (var (name, p) in named)
        {
            known.Add(name);
            if (!state.TryGetValue(name, out var value))
            {
                if (strict)
                {
                    throw new ArgumentException($"LoadStateDict: the state has no entry '{name}' (a parameter of shape {p.Shape}).");
                }

                continue;
            }

            if (value.Shape != p.Shape)
            {
                throw new ArgumentException($"LoadStateDict: '{name}' has shape {value.Shape} in the state but {p.Shape} in the model.");
            }
        }

        if (strict)
        {
            foreach (var name in state.Keys)
            {
                if (!known.Contains(name))
                {
                    throw new ArgumentException(
                        $"LoadStateDict: the state has an entry '{name}' that the model does not have (it has: {string.Join(", ", known)}).");
                }
            }
        }

        using (Tensor.NoGrad())
        {
            foreach (var (name, p) in named)
            {
                if (state.TryGetValue(name, out var value))
                {
                    p.Value.CopyFrom(value.DType == p.Value.DType ? value : value.To(p.Value.DType));
                }
            }
        }
    }

    /// <summary>The module tree, one line per module, PyTorch style.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Describe(builder, "", 0);
        return builder.ToString().TrimEnd();
    }

    /// <summary>One line describing this module alone (its name and sizes), e.g. <c>Linear(784 → 256)</c>.</summary>
    protected virtual string Describe() => GetType().Name;

    /// <summary>Registers a parameter under <paramref name="name"/> (unique within this module).</summary>
    protected Parameter RegisterParameter(string name, Tensor value, bool decay = true)
    {
        CheckName(name);
        var parameter = new Parameter(value, decay);
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a child module under <paramref name="name"/> (unique within this module).</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name);
        _children.Add(new(name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"Module: '{name}' is not a valid name (non-empty, no dots).", nameof(name));
        }

        foreach (var (n, _) in _parameters)
        {
            if (n == name)
            {
                throw new ArgumentException($"Module: a parameter named '{name}' is already registered.", nameof(name));
            }
        }

        foreach (var (n, _) in _children)
        {
            if (n == name)
            {
                throw new ArgumentException($"Module: a child module named '{name}' is already registered.", nameof(name));
            }
        }
    }

    private void Collect(string prefix, List<KeyValuePair<string, Parameter>> list)
    {
        foreach (var (name, p) in _parameters)
        {
            list.Add(new(prefix + name, p));
        }

        foreach (var (name, child) in _children)
        {
            child.Collect(prefix + name + ".", list);
        }
    }

    private void Describe(StringBuilder builder, string name, int depth)
    {
        builder.Append(' ', depth * 2);
        if (name.Length > 0)
        {
            builder.Append('(').Append(name).Append("): ");
        }

        builder.AppendLine(Describe());
        foreach (var (childName, child) in _children)
        {
            child.Describe(builder, childName, depth + 1);
        }
    }
}
