using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// A node whose backward rule is a function of <c>g</c> and the tensors it saved, for composite ops that
/// need a rule of their own (a mask at a singular point, a cheaper formula). The rule is written with tensor
/// ops, so it is recorded under <c>createGraph</c> like any other.
/// </summary>
internal sealed class FunctionNode : Node
{
    private readonly SavedTensor[] _saved;
    private readonly Rule _rule;

    /// <summary>The rule: fill <c>grads[i]</c> (input i's shape) for each input that needs one.</summary>
    public delegate void Rule(Tensor g, ReadOnlySpan<Tensor> saved, ReadOnlySpan<bool> needs, Span<Tensor?> grads);

    public FunctionNode(string name, Tensor[] inputs, Tensor[] saved, Rule rule)
        : base(inputs)
    {
        Name = name;
        _saved = Array.ConvertAll(saved, t => new SavedTensor(t));
        _rule = rule;
    }

    public override string Name { get; }

    public override void Backward(Tensor g, Span<Tensor?> grads)
    {
        var saved = new Tensor[_saved.Length];
        for (var i = 0; i < saved.Length; i++)
        {
            saved[i] = _saved[i].Get(this);
        }

        Span<bool> needs = stackalloc bool[Arity];
        for (var i = 0; i < needs.Length; i++)
        {
            needs[i] = NeedsGrad(i);
        }

        _rule(g, saved, needs, grads);
    }
}
