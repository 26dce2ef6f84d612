using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The parameters and the sequence loop shared by <see cref="RNN"/>, <see cref="LSTM"/> and <see cref="GRU"/>:
/// multi-layer, bidirectional, dropout between layers, batch-first, initial states and variable lengths.
/// Per layer and direction the input projection of all time steps is one GEMM; the recurrence is a tensor-op
/// step per time step (<see cref="RecurrentSteps"/>).
/// </summary>
internal sealed class RecurrentCore
{
    private readonly Parameter[] _weightIh;
    private readonly Parameter[] _weightHh;
    private readonly Parameter?[] _biasIh;
    private readonly Parameter?[] _biasHh;
    private readonly Dropout? _dropout;

    /// <summary>Creates the parameters in PyTorch's order (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, then _reverse), U(±1/√hidden).</summary>
    public RecurrentCore(
        string op, RecurrentKind kind, int inputSize, int hiddenSize, int numLayers, bool bias, bool batchFirst,
        double dropout, bool bidirectional, Generator generator, DType dtype, Func<string, Tensor, bool, Parameter> register)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(inputSize), $"{op}: input_size, hidden_size and num_layers must be ≥ 1, got {inputSize}, {hiddenSize}, {numLayers}.");
        }

        if (!(dropout >= 0 && dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{op}: dropout must be in [0, 1).");
        }

        if (dtype is not (DType.Float32 or DType.Float64))
        {
            throw new ArgumentException($"{op}: parameters must be float32 or float64, got {dtype.Name()}.", nameof(dtype));
        }

        Op = op;
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        BatchFirst = batchFirst;
        Bidirectional = bidirectional;
        DType = dtype;
        var directions = bidirectional ? 2 : 1;
        var gates = RecurrentSteps.Gates(kind);
        var bound = 1 / Math.Sqrt(hiddenSize);
        _weightIh = new Parameter[numLayers * directions];
        _weightHh = new Parameter[numLayers * directions];
        _biasIh = new Parameter?[numLayers * directions];
        _biasHh = new Parameter?[numLayers * directions];
        for (var layer = 0; layer < numLayers; layer++)
        {
            var layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            for (var d = 0; d < directions; d++)
            {
                var suffix = $"_l{layer}{(d == 1 ? "_reverse" : "")}";
                var k = (layer * directions) + d;
                _weightIh[k] = register("weight_ih" + suffix, Tensor.Uniform(new Shape(gates * hiddenSize, layerInput), generator, -bound, bound, dtype), true);
                _weightHh[k] = register("weight_hh" + suffix, Tensor.Uniform(new Shape(gates * hiddenSize, hiddenSize), generator, -bound, bound, dtype), true);
                if (bias)
                {
                    _biasIh[k] = register("bias_ih" + suffix, Tensor.Uniform(new Shape(gates * hiddenSize), generator, -bound, bound, dtype), false);
                    _biasHh[k] = register("bias_hh" + suffix, Tensor.Uniform(new Shape(gates * hiddenSize), generator, -bound, bound, dtype), false);
                }
            }
        }

        if (dropout > 0 && numLayers > 1)
        {
            _dropout = new Dropout(dropout, generator.NextUInt64());
        }
    }

    public string Op { get; }

    public RecurrentKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public int NumLayers { get; }

    public bool BatchFirst { get; }

    public bool Bidirectional { get; }

    public DType DType { get; }

    /// <summary>
    /// Whether LSTM layers run as one fused node per layer and direction (<see cref="LstmSequenceFunction"/>);
    /// false runs the tensor-op step per time step, the twin the tests compare it with.
    /// </summary>
    public bool UseFused { get; set; } = true;

    /// <summary>Dropout probability between layers (0 when none).</summary>
    public double DropoutP => _dropout?.P ?? 0;

    /// <summary>
    /// Runs the whole sequence. <paramref name="input"/> [T, B, in] ([B, T, in] batch-first); states
    /// [layers·directions, B, hidden]; <paramref name="lengths"/> int64 [B] in 1..T or null. Returns the output
    /// [T, B, directions·hidden] (zero past each length), the final hidden states and (LSTM) cell states.
    /// </summary>
    public (Tensor Output, Tensor H, Tensor? C) Run(Tensor input, Tensor? h0, Tensor? c0, Tensor? lengths, bool training)
    {
        ArgumentNullException.ThrowIfNull(input);
        var directions = Bidirectional ? 2 : 1;
        if (input.Rank != 3 || input.ShapeArray[2] != InputSize)
        {
            throw new ArgumentException(
                $"{Op}: input must be [{(BatchFirst ? "batch, seq" : "seq, batch")}, {InputSize}] (input_size {InputSize}), got {input.Shape}.", nameof(input));
        }

        if (input.DType != DType)
        {
            throw new ArgumentException($"{Op}: input is {input.DType.Name()} but the parameters are {DType.Name()}.", nameof(input));
        }

        var x = BatchFirst ? input.Transpose(0, 1) : input;
        var steps = x.ShapeArray[0];
        var batch = x.ShapeArray[1];
        CheckState("h0", h0, batch, directions);
        CheckState("c0", c0, batch, directions);
        var masks = lengths is null ? null : Masks(lengths, steps, batch);
        var lengthValues = lengths?.ToArray<long>();

        var hn = new Tensor[NumLayers * directions];
        var cn = Kind == RecurrentKind.Lstm ? new Tensor[NumLayers * directions] : null;
        var outputs = new Tensor[steps];
        var dirOutputs = new Tensor[directions];
        var layerInput = x;
        for (var layer = 0; layer < NumLayers; layer++)
        {
            if (layer > 0 && _dropout is not null)
            {
                _dropout.Train(training);
                layerInput = _dropout.Forward(layerInput);
            }

            for (var d = 0; d < directions; d++)
            {
                var k = (layer * directions) + d;

                // All time steps' input projection as one GEMM: [T, B, in] → [T, B, gates·H].
                var xp = LinearFunction.Apply(layerInput, _weightIh[k].Value, _biasIh[k]?.Value);
                var h = h0?.Select(0, k) ?? Tensor.Zeros(new Shape(batch, HiddenSize), DType);
                Tensor? c = Kind == RecurrentKind.Lstm ? c0?.Select(0, k) ?? Tensor.Zeros(new Shape(batch, HiddenSize), DType) : null;
                if (Kind == RecurrentKind.Lstm && UseFused)
                {
                    // The fast path: the whole sequence as one node (LstmSequenceFunction), rows T and T + 1 the final h and c.
                    var all = LstmSequenceFunction.Apply(xp, h, c!, _weightHh[k].Value, _biasHh[k]?.Value, lengthValues, d == 1);
                    dirOutputs[d] = all.Narrow(0, 0, steps);
                    hn[k] = all.Select(0, steps);
                    cn![k] = all.Select(0, steps + 1);
                    continue;
                }

                for (var s = 0; s < steps; s++)
                {
                    var t = d == 0 ? s : steps - 1 - s;
                    var (hs, cs) = RecurrentSteps.Step(Kind, xp.Select(0, t), h, c, _weightHh[k].Value, _biasHh[k]?.Value);
                    if (masks is null)
                    {
                        h = hs;
                        c = cs;
                        outputs[t] = hs;
                    }
                    else
                    {
                        // Past a sequence's length the state is carried unchanged and the output is zero, as
                        // PyTorch's packed sequences give (the reverse direction then starts at the last valid step).
                        var m = masks[t];
                        h = h + (m * (hs - h));
                        c = c is null ? null : c + (m * (cs! - c));
                        outputs[t] = hs * m;
                    }
                }

                dirOutputs[d] = Tensor.Stack(outputs, 0);
                hn[k] = h;
                if (cn is not null)
                {
                    cn[k] = c!;
                }
            }

            layerInput = directions == 1 ? dirOutputs[0] : Tensor.Concat(dirOutputs, 2);
        }

        var y = BatchFirst ? layerInput.Transpose(0, 1) : layerInput;
        return (y, Tensor.Stack(hn, 0), cn is null ? null : Tensor.Stack(cn, 0));
    }

    private void CheckState(string name, Tensor? state, int batch, int directions)
    {
        if (state is null)
        {
            return;
        }

        if (state.Rank != 3 || state.ShapeArray[0] != NumLayers * directions || state.ShapeArray[1] != batch || state.ShapeArray[2] != HiddenSize)
        {
            throw new ArgumentException(
                $"{Op}: {name} must be [num_layers·directions, batch, hidden] = [{NumLayers * directions}, {batch}, {HiddenSize}], got {state.Shape}.", name);
        }

        if (state.DType != DType)
        {
            throw new ArgumentException($"{Op}: {name} is {state.DType.Name()} but the parameters are {DType.Name()}.", name);
        }
    }

    /// <summary>Per time step a [B, 1] 0/1 mask of the sequences still running (constants, no gradient).</summary>
    private Tensor[] Masks(Tensor lengths, int steps, int batch)
    {
        if (lengths.DType != DType.Int64 || lengths.Rank != 1 || lengths.ShapeArray[0] != batch)
        {
            throw new ArgumentException(
                $"{Op}: lengths must be an int64 tensor [batch] = [{batch}], got {lengths.DType.Name()} {lengths.Shape}.", nameof(lengths));
        }

        var values = lengths.ToArray<long>();
        foreach (var v in values)
        {
            if (v < 1 || v > steps)
            {
                throw new ArgumentOutOfRangeException(nameof(lengths), $"{Op}: every length must be in 1..{steps} (the sequence axis), got {v}.");
            }
        }

        var masks = new Tensor[steps];
        var row = new double[batch];
        for (var t = 0; t < steps; t++)
        {
            for (var b = 0; b < batch; b++)
            {
                row[b] = t < values[b] ? 1 : 0;
            }

            masks[t] = Tensor.FromArray(row, new Shape(batch, 1)).To(DType);
        }

        return masks;
    }
}
