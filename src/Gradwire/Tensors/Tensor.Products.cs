using Gradwire.Autograd;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// The product of all elements (PyTorch <c>prod()</c>); ∂/∂xᵢ = Π_{j≠i} xⱼ, which is exact at zeros
    /// (one zero: the product of the others there, 0 elsewhere; two or more: 0).
    /// </summary>
    public Tensor Prod() => ProductFunctions.Prod(this, null, keepDim: false);

    /// <summary>The product along <paramref name="axis"/> (PyTorch <c>prod(dim, keepdim)</c>); gradient as <see cref="Prod()"/>.</summary>
    public Tensor Prod(int axis, bool keepDim = false) => ProductFunctions.Prod(this, axis, keepDim);

    /// <summary>
    /// The vector p-norm of all elements (PyTorch <c>norm(p)</c>): p = 2 (default) <c>√Σx²</c>, p = 1 <c>Σ|x|</c>,
    /// p = ∞ (<see cref="double.PositiveInfinity"/>) <c>max|x|</c>. The 2-norm's gradient <c>x/‖x‖</c> is 0 at x = 0, as PyTorch's.
    /// </summary>
    public Tensor Norm(double p = 2) => ProductFunctions.Norm(this, p, null, keepDim: false);

    /// <summary>
    /// The vector p-norm along <paramref name="axis"/> (PyTorch <c>norm(p, dim, keepdim)</c>, p first as there, so
    /// <c>Norm(1)</c> can only mean p = 1); see <see cref="Norm(double)"/>.
    /// </summary>
    public Tensor Norm(double p, int axis, bool keepDim = false) => ProductFunctions.Norm(this, p, axis, keepDim);
}
