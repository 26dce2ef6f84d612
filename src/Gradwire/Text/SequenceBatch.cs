using Gradwire.Tensors;

namespace Gradwire.Text;

/// <summary>One (batch, sequence) window: inputs and next-token targets, both Int64 of shape <c>[batch, sequence]</c>.</summary>
/// <param name="Inputs">Token ids at positions t .. t+T-1 of each row's stream.</param>
/// <param name="Targets">Token ids at positions t+1 .. t+T: the next token of each input.</param>
public sealed record SequenceBatch(Tensor Inputs, Tensor Targets);
