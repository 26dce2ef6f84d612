using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// One LSTM step, as <c>torch.nn.LSTMCell</c>: i, f, g, o = σ, σ, tanh, σ of (W_ih x + b_ih + W_hh h + b_hh),
/// c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c'). Input [B, in] (or [in]), states [B, hidden] (zeros when null).
/// Tensor ops throughout, so it differentiates to any order.
/// </summary>
public sealed class LSTMCell : Module<(Tensor Input, (Tensor H, Tensor C)? State), (Tensor H, Tensor C)>
{
    private readonly CellCore _core;

    /// <summary>Creates the cell with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inputSize">Features of the input.</param>
    /// <param name="hiddenSize">Features of the hidden and cell state.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="bias">Whether the cell has b_ih and b_hh.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public LSTMCell(int inputSize, int hiddenSize, Generator generator, bool bias = true, DType dtype = DType.Float32) =>
        _core = new CellCore("LSTMCell", RecurrentKind.Lstm, inputSize, hiddenSize, bias, generator, dtype, (n, t, d) => RegisterParameter(n, t, d));

    /// <summary>Features of the input.</summary>
    public int InputSize => _core.InputSize;

    /// <summary>Features of the state.</summary>
    public int HiddenSize => _core.HiddenSize;

    /// <inheritdoc />
    public override (Tensor H, Tensor C) Forward((Tensor Input, (Tensor H, Tensor C)? State) input) => Forward(input.Input, input.State);

    /// <summary>The next (h, c) from <paramref name="input"/> and <paramref name="state"/> (zeros when null).</summary>
    public (Tensor H, Tensor C) Forward(Tensor input, (Tensor H, Tensor C)? state = null)
    {
        var (h, c) = _core.Step(input, state?.H, state?.C);
        return (h, c!);
    }

    /// <inheritdoc />
    protected override string Describe() => $"LSTMCell({InputSize}, {HiddenSize})";
}
