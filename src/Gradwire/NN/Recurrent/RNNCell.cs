using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// One Elman RNN step, as <c>torch.nn.RNNCell</c>: h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu). Input [B, in] (or [in]),
/// state [B, hidden] (zeros when null).
/// </summary>
public sealed class RNNCell : Module<(Tensor Input, Tensor? H), Tensor>
{
    private readonly CellCore _core;

    /// <summary>Creates the cell with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inputSize">Features of the input.</param>
    /// <param name="hiddenSize">Features of the state.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="bias">Whether the cell has b_ih and b_hh.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    /// <param name="nonlinearity">"tanh" (default) or "relu".</param>
    public RNNCell(int inputSize, int hiddenSize, Generator generator, bool bias = true, string nonlinearity = "tanh", DType dtype = DType.Float32) =>
        _core = new CellCore("RNNCell", RecurrentText.Nonlinearity("RNNCell", nonlinearity), inputSize, hiddenSize, bias, generator, dtype, (n, t, d) => RegisterParameter(n, t, d));

    /// <summary>Features of the input.</summary>
    public int InputSize => _core.InputSize;

    /// <summary>Features of the state.</summary>
    public int HiddenSize => _core.HiddenSize;

    /// <inheritdoc />
    public override Tensor Forward((Tensor Input, Tensor? H) input) => Forward(input.Input, input.H);

    /// <summary>The next h from <paramref name="input"/> and <paramref name="h"/> (zeros when null).</summary>
    public Tensor Forward(Tensor input, Tensor? h = null) => _core.Step(input, h, null).H;

    /// <inheritdoc />
    protected override string Describe() => $"RNNCell({InputSize}, {HiddenSize})";
}
