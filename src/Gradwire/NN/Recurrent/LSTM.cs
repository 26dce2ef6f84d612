using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Long short-term memory over a sequence, as <c>torch.nn.LSTM</c>: per layer and direction
/// i, f, g, o = σ, σ, tanh, σ of (W_ih x_t + b_ih + W_hh h + b_hh), c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
/// Input [T, B, in] ([B, T, in] batch-first), states (h, c) each [layers·directions, B, hidden], output
/// [T, B, directions·hidden]. Parameter names, shapes, gate order and init U(±1/√hidden) are PyTorch's.
/// </summary>
public sealed class LSTM : Module<(Tensor Input, (Tensor H, Tensor C)? State), (Tensor Output, (Tensor H, Tensor C) State)>
{
    private readonly RecurrentCore _core;

    /// <summary>Creates the layer with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inputSize">Features per time step of the input.</param>
    /// <param name="hiddenSize">Features of the hidden and cell state.</param>
    /// <param name="generator">The seeded source of the initial weights (and the dropout seed).</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="bias">Whether the layers have b_ih and b_hh.</param>
    /// <param name="batchFirst">Input and output are [B, T, features].</param>
    /// <param name="dropout">Dropout on the outputs of every layer but the last, in training.</param>
    /// <param name="bidirectional">Adds a reverse direction per layer (outputs concatenated).</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public LSTM(int inputSize, int hiddenSize, Generator generator, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32) =>
        _core = new RecurrentCore("LSTM", RecurrentKind.Lstm, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
            generator, dtype, (n, t, decay) => RegisterParameter(n, t, decay));

    /// <summary>Features per time step of the input.</summary>
    public int InputSize => _core.InputSize;

    /// <summary>Features of the hidden state.</summary>
    public int HiddenSize => _core.HiddenSize;

    /// <summary>Stacked layers.</summary>
    public int NumLayers => _core.NumLayers;

    /// <summary>Whether each layer also runs in reverse.</summary>
    public bool Bidirectional => _core.Bidirectional;

    /// <summary>Fused whole-sequence path (default) or the tensor-op twin (tests).</summary>
    internal bool UseFused
    {
        get => _core.UseFused;
        set => _core.UseFused = value;
    }

    /// <summary>Whether input and output are [B, T, features].</summary>
    public bool BatchFirst => _core.BatchFirst;

    /// <inheritdoc />
    public override (Tensor Output, (Tensor H, Tensor C) State) Forward((Tensor Input, (Tensor H, Tensor C)? State) input) =>
        Forward(input.Input, input.State);

    /// <summary>
    /// Runs the sequence from the initial state (zeros when null). With <paramref name="lengths"/> (int64 [B])
    /// each sequence stops at its length: outputs past it are zero and its final state is the state at its
    /// last valid step (the reverse direction starts there), as a PyTorch packed sequence gives.
    /// </summary>
    public (Tensor Output, (Tensor H, Tensor C) State) Forward(Tensor input, (Tensor H, Tensor C)? state = null, Tensor? lengths = null)
    {
        var (y, h, c) = _core.Run(input, state?.H, state?.C, lengths, IsTraining);
        return (y, (h, c!));
    }

    /// <inheritdoc />
    protected override string Describe() => RecurrentText.Describe("LSTM", _core);
}
