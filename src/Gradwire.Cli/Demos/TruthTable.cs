namespace Gradwire.Cli.Demos;

/// <summary>The AND truth table the nn6 perceptron and neuron demos learn.</summary>
internal static class TruthTable
{
    /// <summary>Inputs (x1, x2) in the order 00, 01, 10, 11.</summary>
    public static readonly double[][] Inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];

    /// <summary>x1 AND x2.</summary>
    public static readonly double[] And = [0, 0, 0, 1];
}
