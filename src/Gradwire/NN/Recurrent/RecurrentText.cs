namespace Gradwire.NN;

/// <summary>The one-line description the recurrent layers print.</summary>
internal static class RecurrentText
{
    public static string Describe(string name, RecurrentCore core) =>
        $"{name}({core.InputSize}, {core.HiddenSize}" +
        (core.NumLayers > 1 ? $", num_layers={core.NumLayers}" : "") +
        (core.BatchFirst ? ", batch_first" : "") +
        (core.DropoutP > 0 ? $", dropout={core.DropoutP}" : "") +
        (core.Bidirectional ? ", bidirectional" : "") +
        (core.Kind == RecurrentKind.RnnRelu ? ", relu" : "") + ")";

    /// <summary>PyTorch's nonlinearity option of RNN / RNNCell.</summary>
    public static RecurrentKind Nonlinearity(string op, string nonlinearity) => nonlinearity switch
    {
        "tanh" => RecurrentKind.RnnTanh,
        "relu" => RecurrentKind.RnnRelu,
        _ => throw new ArgumentException($"{op}: nonlinearity must be \"tanh\" or \"relu\", got \"{nonlinearity}\".", nameof(nonlinearity)),
    };
}
