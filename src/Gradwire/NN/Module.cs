using System.Text;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A piece of a network, whatever its forward signature (see <see cref="Module{TIn, TOut}"/>): it owns
/// <see cref="Parameter"/>s, buffers (state that is saved but not trained, such as running statistics) and child
/// modules, registered by name, so that the whole tree can be listed (<see cref="NamedParameters"/>: dotted names
/// such as <c>"0.weight"</c>; <see cref="NamedBuffers"/>), switched between training and evaluation
/// (<see cref="Train"/>, <see cref="Eval"/>: dropout behaves differently), zeroed (<see cref="ZeroGrad"/>) and
/// saved or restored as a state dictionary (<see cref="StateDict"/>, <see cref="LoadStateDict"/>), with PyTorch's
/// key names and ordering: per module its parameters, then its persistent buffers, then its children.
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Parameter>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly HashSet<string> _nonPersistent = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>The direct children, in registration order.</summary>
    public IReadOnlyList<KeyValuePair<string, Module>> Children => _children;

    /// <summary>
    /// Every parameter of this module and its descendants, each once (by reference: a layer used twice, or a
    /// weight tied between two layers, is listed once, so an optimizer steps it once), depth first in
    /// registration order.
    /// </summary>
    public IReadOnlyList<Parameter> Parameters()
    {
        var named = NamedParameters();
        var list = new List<Parameter>(named.Count);
        foreach (var (_, p) in named)
        {
            list.Add(p);
        }

        return list;
    }

    /// <summary>
    /// Every parameter with its dotted name (<c>"layer1.weight"</c>), depth first in registration order. A
    /// parameter reachable under several names keeps the first (PyTorch's <c>named_parameters()</c>, which
    /// removes duplicates); <see cref="StateDict"/> keeps every name.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> NamedParameters()
    {
        var all = new List<KeyValuePair<string, Parameter>>();
        CollectParameters("", all);
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        var unique = new List<KeyValuePair<string, Parameter>>(all.Count);
        foreach (var entry in all)
        {
            if (seen.Add(entry.Value))
            {
                unique.Add(entry);
            }
        }

        return unique;
    }

    /// <summary>Every buffer (persistent or not) with its dotted name (<c>"bn.running_mean"</c>), each tensor once, depth first.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> NamedBuffers()
    {
        var all = new List<KeyValuePair<string, Tensor>>();
        CollectBuffers("", all, persistentOnly: false);
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var unique = new List<KeyValuePair<string, Tensor>>(all.Count);
        foreach (var entry in all)
        {
            if (seen.Add(entry.Value))
            {
                unique.Add(entry);
            }
        }

        return unique;
    }

    /// <summary>Every buffer of this module and its descendants, each once, in the order of <see cref="NamedBuffers"/>.</summary>
    public IReadOnlyList<Tensor> Buffers()
    {
        var named = NamedBuffers();
        var list = new List<Tensor>(named.Count);
        foreach (var (_, b) in named)
        {
            list.Add(b);
        }

        return list;
    }

    /// <summary>Total number of trainable numbers (each shared parameter counted once).</summary>
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
    /// The parameters and persistent buffers by dotted name, in PyTorch's order (per module: parameters, buffers,
    /// then children). A shared parameter appears under each of its names, as in PyTorch. The tensors are the
    /// module's own, not copies: save them (e.g. with a checkpoint) before training on.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        CollectState("", entries);
        var state = new Dictionary<string, Tensor>(entries.Count);
        foreach (var (name, t) in entries)
        {
            state[name] = t;
        }

        return state;
    }

    /// <summary>
    /// Copies <paramref name="state"/> into the parameters and persistent buffers with the same names (converting
    /// the dtype if it differs). With <paramref name="strict"/> (PyTorch's default) every entry of
    /// <see cref="StateDict"/> must be present and no other name allowed; a shape mismatch is an error either way.
    /// Nothing is changed when an error is thrown.
    /// </summary>
    /// <exception cref="ArgumentException">A key is missing or unexpected, or a shape differs (the message names the key).</exception>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entries = new List<KeyValuePair<string, Tensor>>();
        CollectState("", entries);
        var known = new HashSet<string>();
        var missing = new List<string>();
        foreach (var (name, own) in entries)
        {
            known.Add(name);
            if (!state.TryGetValue(name, out var value))
            {
                missing.Add($"'{name}' (shape {own.Shape})");
                continue;
            }

            ArgumentNullException.ThrowIfNull(value, $"state['{name}']");
            if (value.Shape != own.Shape)
            {
                throw new ArgumentException($"LoadStateDict: '{name}' has shape {value.Shape} in the state but {own.Shape} in the model.");
            }
        }

        if (strict)
        {
            if (missing.Count > 0)
            {
                throw new ArgumentException($"LoadStateDict: the state has no entry {string.Join(", ", missing)}; pass strict: false to load the rest.");
            }

            var unexpected = new List<string>();
            foreach (var name in state.Keys)
            {
                if (!known.Contains(name))
                {
                    unexpected.Add($"'{name}'");
                }
            }

            if (unexpected.Count > 0)
            {
                throw new ArgumentException(
                    $"LoadStateDict: the state has an entry {string.Join(", ", unexpected)} that the model does not have (it has: {string.Join(", ", known)}).");
            }
        }

        using (Tensor.NoGrad())
        {
            foreach (var (name, own) in entries)
            {
                if (state.TryGetValue(name, out var value))
                {
                    own.CopyFrom(value.DType == own.DType ? value : value.To(own.DType));
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

    /// <summary>Registers an existing parameter (e.g. a weight tied to another layer's) under <paramref name="name"/>.</summary>
    protected Parameter RegisterParameter(string name, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckName(name);
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>
    /// Registers a buffer: state that belongs to the module but is not trained (running statistics, positional
    /// tables). Buffers never get gradients and are not in <see cref="Parameters"/>; persistent ones (the default)
    /// are in <see cref="StateDict"/>, loaded by <see cref="LoadStateDict"/> and kept in training checkpoints.
    /// Update a buffer in place (<see cref="Tensor.CopyFrom"/>, the <c>…InPlace</c> ops) so that those keep seeing it.
    /// </summary>
    /// <returns><paramref name="tensor"/>, taken out of any <see cref="TensorScope"/>.</returns>
    /// <exception cref="ArgumentException">The name is taken or invalid, or the tensor is not a contiguous leaf without gradient.</exception>
    protected Tensor RegisterBuffer(string name, Tensor tensor, bool persistent = true)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        CheckName(name);
        if (tensor.RequiresGrad || !tensor.IsLeaf)
        {
            throw new ArgumentException(
                $"RegisterBuffer: buffer '{name}' (shape {tensor.Shape}) requires grad or was computed by an op; a buffer gets no gradient (pass Detach(), or register a parameter).",
                nameof(tensor));
        }

        if (!tensor.IsContiguous)
        {
            throw new ArgumentException($"RegisterBuffer: buffer '{name}' (shape {tensor.Shape}) must be contiguous (call Contiguous() first).", nameof(tensor));
        }

        tensor.DetachFromScope();
        _buffers.Add(new(name, tensor));
        if (!persistent)
        {
            _nonPersistent.Add(name);
        }

        return tensor;
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

        foreach (var (n, _) in _buffers)
        {
            if (n == name)
            {
                throw new ArgumentException($"Module: a buffer named '{name}' is already registered.", nameof(name));
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

    private void CollectParameters(string prefix, List<KeyValuePair<string, Parameter>> list)
    {
        foreach (var (name, p) in _parameters)
        {
            list.Add(new(prefix + name, p));
        }

        foreach (var (name, child) in _children)
        {
            child.CollectParameters(prefix + name + ".", list);
        }
    }

    private void CollectBuffers(string prefix, List<KeyValuePair<string, Tensor>> list, bool persistentOnly)
    {
        foreach (var (name, b) in _buffers)
        {
            if (!persistentOnly || !_nonPersistent.Contains(name))
            {
                list.Add(new(prefix + name, b));
            }
        }

        foreach (var (name, child) in _children)
        {
            child.CollectBuffers(prefix + name + ".", list, persistentOnly);
        }
    }

    // PyTorch's state_dict order: this module's parameters, then its persistent buffers, then each child's state.
    private void CollectState(string prefix, List<KeyValuePair<string, Tensor>> list)
    {
        foreach (var (name, p) in _parameters)
        {
            list.Add(new(prefix + name, p.Value));
        }

        foreach (var (name, b) in _buffers)
        {
            if (!_nonPersistent.Contains(name))
            {
                list.Add(new(prefix + name, b));
            }
        }

        foreach (var (name, child) in _children)
        {
            child.CollectState(prefix + name + ".", list);
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
