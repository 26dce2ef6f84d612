namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Reverses the order of elements along each of <paramref name="axes"/> (PyTorch <c>flip(dims)</c>); a copy.
    /// The gradient is the upstream gradient flipped back.
    /// </summary>
    public Tensor Flip(params ReadOnlySpan<int> axes)
    {
        var seen = new bool[Rank];
        var y = this;
        foreach (var axis in axes)
        {
            var a = Shape.NormalizeAxis("flip", axis, Rank);
            if (seen[a])
            {
                throw new ArgumentException($"flip: axis {axis} is listed twice (shape {Shape}).", nameof(axes));
            }

            seen[a] = true;
            var n = ShapeArray[a];
            var reversed = new int[n];
            for (var i = 0; i < n; i++)
            {
                reversed[i] = n - 1 - i;
            }

            y = y.IndexSelect(a, reversed);
        }

        return ReferenceEquals(y, this) ? Clone() : y;
    }

    /// <summary>
    /// The lower triangle of the last two axes (PyTorch <c>tril(diagonal)</c>): element (i, j) is kept where
    /// <c>j − i ≤ diagonal</c>, else 0. The gradient is masked the same way.
    /// </summary>
    public Tensor Tril(int diagonal = 0) => Triangle("tril", diagonal, lower: true);

    /// <summary>
    /// The upper triangle of the last two axes (PyTorch <c>triu(diagonal)</c>): element (i, j) is kept where
    /// <c>j − i ≥ diagonal</c>, else 0. The gradient is masked the same way.
    /// </summary>
    public Tensor Triu(int diagonal = 0) => Triangle("triu", diagonal, lower: false);

    private Tensor Triangle(string op, int diagonal, bool lower)
    {
        if (Rank < 2)
        {
            throw new ArgumentException($"{op}: needs a tensor of rank 2 or more (a matrix or a batch of them), got shape {Shape}.");
        }

        var rows = ShapeArray[^2];
        var columns = ShapeArray[^1];
        var mask = new bool[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var d = (long)j - i;
                mask[i * columns + j] = lower ? d <= diagonal : d >= diagonal;
            }
        }

        var m = FromArray(mask, Shape.Create([rows, columns]));
        // Where, not a product with the mask: a masked-out ∞ or NaN becomes 0, as in PyTorch.
        return Where(m, this, 0);
    }
}
