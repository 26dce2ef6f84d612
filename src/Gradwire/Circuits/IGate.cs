namespace Gradwire.Circuits;

/// <summary>
/// A gate of a circuit: it remembers its input <see cref="Unit"/>s and its <see cref="Output"/>, and on
/// <see cref="Backward"/> multiplies the gradient on its output by its local gradient and adds the product into
/// its inputs' <see cref="Unit.Grad"/> (the chain rule, accumulated).
/// </summary>
public interface IGate
{
    /// <summary>The gate's name in the guide's table, e.g. <c>"*"</c>, <c>"sigmoid"</c>.</summary>
    string Op { get; }

    /// <summary>The input wires of the last forward pass.</summary>
    IReadOnlyList<Unit> Inputs { get; }

    /// <summary>The output wire of the last forward pass.</summary>
    /// <exception cref="InvalidOperationException">The gate has not run forward yet.</exception>
    Unit Output { get; }

    /// <summary>
    /// Runs the gate again on the same input wires, writing the new value into the same <see cref="Output"/>
    /// and resetting its gradient to 0 (used to replay a recorded <see cref="Circuit"/>).
    /// </summary>
    void Forward();

    /// <summary>Adds (local gradient × <c>Output.Grad</c>) into every input's gradient.</summary>
    void Backward();
}
