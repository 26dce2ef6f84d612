using Gradwire.Autograd;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with NumPy/PyTorch semantics: 1-D · 1-D is a dot product; a 1-D operand is treated as a
    /// row (left) or column (right) vector; higher ranks are batches of matrices whose batch axes broadcast.
    /// Transposed views are read in place (no copy).
    /// </summary>
    public Tensor MatMul(Tensor other) => LinearAlgebraFunctions.MatMul(this, other);

    /// <summary><c>a @ b</c>: see <see cref="MatMul(Tensor)"/>.</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => LinearAlgebraFunctions.MatMul(a, b);

    /// <summary>The outer product of two vectors: <c>yᵢⱼ = aᵢ bⱼ</c>.</summary>
    public static Tensor Outer(Tensor a, Tensor b)
    {
        if (a.Rank != 1 || b.Rank != 1)
        {
            throw new ArgumentException($"outer: needs two vectors, got shapes {a.Shape} and {b.Shape}.");
        }

        return a.Unsqueeze(1) * b.Unsqueeze(0);
    }

    /// <summary>The dot product of two vectors of equal length.</summary>
    public static Tensor Dot(Tensor a, Tensor b)
    {
        if (a.Rank != 1 || b.Rank != 1)
        {
            throw new ArgumentException($"dot: needs two vectors, got shapes {a.Shape} and {b.Shape}.");
        }

        return LinearAlgebraFunctions.MatMul(a, b);
    }
}
