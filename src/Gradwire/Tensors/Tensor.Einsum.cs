namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Einstein summation, PyTorch's <c>einsum</c>: <c>out[output] = Σ over the other indices of Π operands[i][subscripts i]</c>.
    /// E.g. <c>"bij,bjk->bik"</c> (batched matmul), <c>"bhqd,bhkd->bhqk"</c> (attention scores), <c>"ij->ji"</c>,
    /// <c>"ii->i"</c> (diagonal), <c>"i,i->"</c> (dot). Without <c>"->"</c> the output is the indices seen once, in
    /// alphabetical order. Contractions run as batched <see cref="MatMul(Tensor)"/>; the gradient is the same einsum of the gradient.
    /// </summary>
    /// <param name="equation">Letters per operand, separated by commas, then optionally <c>-&gt;</c> and the output letters.</param>
    /// <param name="operands">One tensor per operand in the equation, all of one dtype.</param>
    public static Tensor Einsum(string equation, params ReadOnlySpan<Tensor> operands) => Autograd.Einsum.Evaluate(equation, operands);
}
