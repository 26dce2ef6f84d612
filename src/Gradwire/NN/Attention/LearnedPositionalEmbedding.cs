using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Learned positional embeddings: a parameter <c>weight</c> [maxLen, d] (drawn from N(0, 1), as an embedding
/// table) whose first T rows are added to the input: <c>y = x + W[start : start+T]</c>.
/// </summary>
public sealed class LearnedPositionalEmbedding : Module<Tensor, Tensor>
{
    /// <summary>Creates the table.</summary>
    /// <param name="maxLen">The longest sequence.</param>
    /// <param name="dModel">d, the model width.</param>
    /// <param name="generator">The seeded source of the initial table.</param>
    /// <param name="batchFirst">Inputs [B, T, d] rather than [T, B, d].</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public LearnedPositionalEmbedding(int maxLen, int dModel, Generator generator, bool batchFirst = false, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(dModel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLen, 1);
        DModel = dModel;
        MaxLen = maxLen;
        BatchFirst = batchFirst;
        Weight = RegisterParameter("weight", Tensor.Normal(new Shape(maxLen, dModel), generator, 0, 1, dtype));
    }

    /// <summary>d.</summary>
    public int DModel { get; }

    /// <summary>The longest sequence.</summary>
    public int MaxLen { get; }

    /// <summary>Whether inputs are [B, T, d].</summary>
    public bool BatchFirst { get; }

    /// <summary>The table [maxLen, d].</summary>
    public Parameter Weight { get; }

    /// <summary>Adds the embeddings of positions <paramref name="start"/>….</summary>
    public Tensor Forward(Tensor input, int start)
    {
        ArgumentNullException.ThrowIfNull(input);
        var timeAxis = BatchFirst ? 1 : 0;
        if (input.Rank != 3 || input.ShapeArray[2] != DModel || start < 0 || start + input.ShapeArray[timeAxis] > MaxLen)
        {
            throw new ArgumentException($"LearnedPositionalEmbedding: input {input.Shape} from position {start} does not fit {(BatchFirst ? "[B, T, d]" : "[T, B, d]")} with d = {DModel} and T ≤ maxLen = {MaxLen}.", nameof(input));
        }

        var pe = Weight.Value.Narrow(0, start, input.ShapeArray[timeAxis]);
        return input + (BatchFirst ? pe.Unsqueeze(0) : pe.Unsqueeze(1));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Forward(input, 0);

    /// <inheritdoc />
    protected override string Describe() => $"LearnedPositionalEmbedding(maxLen={MaxLen}, d={DModel})";
}
