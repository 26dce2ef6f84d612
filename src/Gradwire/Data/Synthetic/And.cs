namespace Gradwire.Data.Synthetic;

/// <summary>AND, the linearly separable gate that nn6's perceptron and neuron demos learn: label = x₁ AND x₂.</summary>
public static class And
{
    /// <summary>The four points (0,0)→0, (0,1)→0, (1,0)→0, (1,1)→1; classes "0" and "1".</summary>
    public static Dataset Points() =>
        Dataset.Classification("and", [0, 0, 0, 1, 1, 0, 1, 1], [2], [0, 0, 0, 1], 2, ["0", "1"]);
}
