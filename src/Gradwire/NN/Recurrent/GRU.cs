using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Gated recurrent unit over a sequence, as <c>torch.nn.GRU</c>: per layer and direction
/// r, z = σ(W_i{r,z} x_t + b_i{r,z} + W_h{r,z} h + b_h{r,z}), n = tanh(W_in x_t + b_in + r ⊙ (W_hn h + b_hn)),
/// h' = (1 − z) ⊙ n + z ⊙ h (gate order r, z, n).
/// Input [T, B, in] ([B, T, in] batch-first), state h [layers·directions, B, hidden], output
/// [T, B, directions·hidden]. Parameter names, shapes, gate order and init U(±1/√hidden) are PyTorch's.
/// </summary>
public sealed class GRU : Module<(Tensor Input, Tensor? H0), (Tensor Output, Tensor H)>
{
    private readonly RecurrentCore _core;

    /// <summary>Creates the layer with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="inputSize">Features per time step of the input.</param>
    /// <param name="hiddenSize">Features of the hidden state.</param>
    /// <param name="generator">The seeded source of the initial weights (and the dropout seed).</param>
    /// <param name="numLayers">Stacked layers.</param>
    /// <param name="bias">Whether the layers have b_ih and b_hh.</param>
    /// <param name="batchFirst">Input and output are [B, T, features].</param>
    /// <param name="dropout">Dropout on the outputs of every layer but the last, in training.</param>
    /// <param name="bidirectional">Adds a reverse direction per layer (outputs concatenated).</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public GRU(int inputSize, int hiddenSize, Generator generator, int numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false, DType dtype = DType.Float32) =>
        _core = new RecurrentCore("GRU", RecurrentKind.Gru, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional,
            generator, dtype, (n, t, decay) => RegisterParameter(n, t, decay));

    /// <summary>Features per time step of the input.</summary>
    public int InputSize => _core.InputSize;

    /// <summary>Features of the hidden state.</summary>
    public int HiddenSize => _core.HiddenSize;

    /// <summary>Stacked layers.</summary>
    public int NumLayers => _core.NumLayers;

    /// <summary>Whether each layer also runs in reverse.</summary>
    public bool Bidirectional => _core.Bidirectional;

    /// <summary>Whether input and output are [B, T, features].</summary>
    public bool BatchFirst => _core.BatchFirst;

    /// <inheritdoc />
    public override (Tensor Output, Tensor H) Forward((Tensor Input, Tensor? H0) input) =>
        Forward(input.Input, input.H0);

    /// <summary>
    /// Runs the sequence from the initial state (zeros when null). With <paramref name="lengths"/> (int64 [B])
    /// each sequence stops at its length: outputs past it are zero and its final state is the state at its
    /// last valid step (the reverse direction starts there), as a PyTorch packed sequence gives.
    /// </summary>
    public (Tensor Output, Tensor H) Forward(Tensor input, Tensor? h0 = null, Tensor? lengths = null)
    {
        var (y, h, _) = _core.Run(input, h0, null, lengths, IsTraining);
        return (y, h);
    }

    /// <inheritdoc />
    protected override string Describe() => RecurrentText.Describe("GRU", _core);
}
