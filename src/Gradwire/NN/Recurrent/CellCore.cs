using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>The parameters (weight_ih, weight_hh, bias_ih, bias_hh; U(±1/√hidden)) and the checked step of a recurrent cell.</summary>
internal sealed class CellCore
{
    private readonly Parameter _weightIh;
    private readonly Parameter _weightHh;
    private readonly Parameter? _biasIh;
    private readonly Parameter? _biasHh;

    public CellCore(string op, RecurrentKind kind, int inputSize, int hiddenSize, bool bias, Generator generator, DType dtype,
        Func<string, Tensor, bool, Parameter> register)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (inputSize < 1 || hiddenSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), $"{op}: input_size and hidden_size must be ≥ 1, got {inputSize}, {hiddenSize}.");
        }

        if (dtype is not (DType.Float32 or DType.Float64))
        {
            throw new ArgumentException($"{op}: parameters must be float32 or float64, got {dtype.Name()}.", nameof(dtype));
        }

        Op = op;
        Kind = kind;
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        DType = dtype;
        var rows = RecurrentSteps.Gates(kind) * hiddenSize;
        var bound = 1 / Math.Sqrt(hiddenSize);
        _weightIh = register("weight_ih", Tensor.Uniform(new Shape(rows, inputSize), generator, -bound, bound, dtype), true);
        _weightHh = register("weight_hh", Tensor.Uniform(new Shape(rows, hiddenSize), generator, -bound, bound, dtype), true);
        if (bias)
        {
            _biasIh = register("bias_ih", Tensor.Uniform(new Shape(rows), generator, -bound, bound, dtype), false);
            _biasHh = register("bias_hh", Tensor.Uniform(new Shape(rows), generator, -bound, bound, dtype), false);
        }
    }

    public string Op { get; }

    public RecurrentKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    public DType DType { get; }

    /// <summary>One step: input [B, in] or unbatched [in]; states [B, hidden] / [hidden] (zeros when null).</summary>
    public (Tensor H, Tensor? C) Step(Tensor input, Tensor? h, Tensor? c)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is not (1 or 2) || input.ShapeArray[^1] != InputSize || input.DType != DType)
        {
            throw new ArgumentException(
                $"{Op}: input must be {DType.Name()} [batch, {InputSize}] or [{InputSize}], got {input.DType.Name()} {input.Shape}.", nameof(input));
        }

        var unbatched = input.Rank == 1;
        var x = unbatched ? input.Unsqueeze(0) : input;
        var batch = x.ShapeArray[0];
        var hb = Prepare("hx", h, unbatched, batch);
        var cb = Kind == RecurrentKind.Lstm ? Prepare("cx", c, unbatched, batch) : null;
        var xp = LinearFunction.Apply(x, _weightIh.Value, _biasIh?.Value);
        var (hn, cn) = RecurrentSteps.Step(Kind, xp, hb, cb, _weightHh.Value, _biasHh?.Value);
        return unbatched ? (hn.Squeeze(0), cn?.Squeeze(0)) : (hn, cn);
    }

    private Tensor Prepare(string name, Tensor? state, bool unbatched, int batch)
    {
        if (state is null)
        {
            return Tensor.Zeros(new Shape(batch, HiddenSize), DType);
        }

        var expected = unbatched ? $"[{HiddenSize}]" : $"[{batch}, {HiddenSize}]";
        var ok = state.DType == DType && (unbatched
            ? state.Rank == 1 && state.ShapeArray[0] == HiddenSize
            : state.Rank == 2 && state.ShapeArray[0] == batch && state.ShapeArray[1] == HiddenSize);
        if (!ok)
        {
            throw new ArgumentException($"{Op}: {name} must be {DType.Name()} {expected}, got {state.DType.Name()} {state.Shape}.", name);
        }

        return unbatched ? state.Unsqueeze(0) : state;
    }
}
