namespace Gradwire.NN;

/// <summary>
/// A module with a typed forward: <c>TOut Forward(TIn)</c>. Layers that map a tensor to a tensor are
/// <c>Module&lt;Tensor, Tensor&gt;</c> (what <see cref="Sequential"/> chains); others use C# tuples or records,
/// e.g. an LSTM as <c>Module&lt;(Tensor X, (Tensor H, Tensor C) State), (Tensor Y, (Tensor H, Tensor C) State)&gt;</c>
/// or attention as <c>Module&lt;(Tensor Q, Tensor K, Tensor V, Tensor? Mask), Tensor&gt;</c>.
/// </summary>
/// <typeparam name="TIn">The input (a tensor, a tuple or a record).</typeparam>
/// <typeparam name="TOut">The output.</typeparam>
public abstract class Module<TIn, TOut> : Module
{
    /// <summary>Computes the module's output for <paramref name="input"/>.</summary>
    public abstract TOut Forward(TIn input);

    /// <summary>Same as <see cref="Forward"/>, so a module reads like a function: <c>model.Call(x)</c>.</summary>
    public TOut Call(TIn input) => Forward(input);
}
