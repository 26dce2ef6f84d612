using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// One recorded op on the tape: its inputs, what it saved, and its backward rule. Each op family's node sits
/// next to its forward code (the guide's gate: forward, then local gradient × gradient from above). Backward
/// rules are written with tensor ops, so under <c>createGraph</c> they are recorded too and can be
/// differentiated again.
/// </summary>
internal abstract class Node
{
    private readonly Tensor? _input0;
    private readonly Tensor? _input1;
    private readonly Tensor[]? _inputs;

    protected Node(Tensor input)
    {
        _input0 = input;
        Arity = 1;
    }

    protected Node(Tensor input0, Tensor input1)
    {
        _input0 = input0;
        _input1 = input1;
        Arity = 2;
    }

    protected Node(Tensor[] inputs)
    {
        _inputs = inputs;
        Arity = inputs.Length;
    }

    /// <summary>The op's name, as in error messages ("mul", "matmul", ...).</summary>
    public abstract string Name { get; }

    /// <summary>Number of inputs.</summary>
    public int Arity { get; }

    /// <summary>Gradient collected for this node's output during the current backward pass.</summary>
    internal Tensor? PendingGrad;

    /// <summary>True when <see cref="PendingGrad"/> was made by the engine and may be added to in place.</summary>
    internal bool PendingOwned;

    /// <summary>Visit mark of the last topological sort that reached this node.</summary>
    internal int Mark;

    public Tensor Input(int index) => _inputs is not null ? _inputs[index] : index == 0 ? _input0! : _input1!;

    /// <summary>Whether input <paramref name="index"/> wants a gradient (skip computing it otherwise).</summary>
    protected bool NeedsGrad(int index) => Input(index).RequiresGrad;

    /// <summary>
    /// Computes the gradient of each input from <paramref name="grad"/> (the gradient of this node's output),
    /// writing it to <paramref name="inputGrads"/>[i] with the input's exact shape, or leaving null.
    /// </summary>
    public abstract void Backward(Tensor grad, Span<Tensor?> inputGrads);
}

/// <summary>
/// A tensor saved for backward with the version it had then; reading it back checks that no in-place op
/// changed it since, which would make the gradient silently wrong.
/// </summary>
internal readonly struct SavedTensor
{
    private readonly int _version;

    public SavedTensor(Tensor tensor)
    {
        Tensor = tensor;
        _version = tensor.Version;
    }

    public Tensor Tensor { get; }

    public Tensor Get(Node node)
    {
        if (Tensor.IsDisposed)
        {
            throw new InvalidOperationException(
                $"{node.Name}: a tensor of shape {Tensor.Shape} saved for backward was disposed (did its TensorScope end before Backward?).");
        }

        if (Tensor.Version != _version)
        {
            throw new InvalidOperationException(
                $"{node.Name}: a tensor of shape {Tensor.Shape} saved for backward was modified in place " +
                $"(version {Tensor.Version}, saved at version {_version}); the gradient would be wrong. " +
                "Clone() it before modifying it, or modify it after Backward().");
        }

        return Tensor;
    }
}
