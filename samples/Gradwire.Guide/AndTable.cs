using Gradwire.Data.Synthetic;

namespace Gradwire.Guide;

/// <summary>The AND truth table the nn6 perceptron and neuron examples learn, read from the library's <see cref="And"/> dataset.</summary>
public static class AndTable
{
    private static readonly double[][] s_inputs = ReadInputs();
    private static readonly double[] s_targets = ReadTargets();

    /// <summary>Inputs (x1, x2) in the order 00, 01, 10, 11.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Inputs => s_inputs;

    /// <summary>x1 AND x2 for each row of <see cref="Inputs"/>.</summary>
    public static IReadOnlyList<double> Targets => s_targets;

    private static double[][] ReadInputs()
    {
        var points = And.Points();
        var inputs = new double[points.Count][];
        for (var i = 0; i < points.Count; i++)
        {
            var features = points.GetFeatures(i);
            inputs[i] = [features[0], features[1]];
        }

        return inputs;
    }

    private static double[] ReadTargets()
    {
        var points = And.Points();
        var targets = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            targets[i] = points.GetLabel(i);
        }

        return targets;
    }
}
