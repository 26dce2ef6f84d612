using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The fixed positional encoding of "Attention is all you need": <c>PE[pos, 2i] = sin(pos / 10000^(2i/d))</c>,
/// <c>PE[pos, 2i+1] = cos(pos / 10000^(2i/d))</c>, added to the input: <c>y = x + PE[:T]</c>. The table is a
/// non-persistent buffer <c>pe</c> [maxLen, d] (it is recomputed, never saved).
/// </summary>
public sealed class SinusoidalPositionalEncoding : Module<Tensor, Tensor>
{
    /// <summary>Creates the table.</summary>
    /// <param name="dModel">d, the model width.</param>
    /// <param name="maxLen">The longest sequence.</param>
    /// <param name="batchFirst">Inputs [B, T, d] rather than [T, B, d].</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public SinusoidalPositionalEncoding(int dModel, int maxLen = 5000, bool batchFirst = false, DType dtype = DType.Float32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dModel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLen, 1);
        DModel = dModel;
        MaxLen = maxLen;
        BatchFirst = batchFirst;
        var table = new double[maxLen * dModel];
        for (var pos = 0; pos < maxLen; pos++)
        {
            for (var i = 0; i < dModel; i += 2)
            {
                var angle = pos / Math.Pow(10000, (double)i / dModel);
                table[(pos * dModel) + i] = Math.Sin(angle);
                if (i + 1 < dModel)
                {
                    table[(pos * dModel) + i + 1] = Math.Cos(angle);
                }
            }
        }

        var pe = Tensor.FromArray(table, new Shape(maxLen, dModel));
        Table = RegisterBuffer("pe", dtype == DType.Float64 ? pe : pe.To(dtype), persistent: false);
    }

    /// <summary>d.</summary>
    public int DModel { get; }

    /// <summary>The longest sequence.</summary>
    public int MaxLen { get; }

    /// <summary>Whether inputs are [B, T, d].</summary>
    public bool BatchFirst { get; }

    /// <summary>The table [maxLen, d].</summary>
    public Tensor Table { get; }

    /// <summary>Adds the encodings of positions <paramref name="start"/>… (incremental decoding passes the step index).</summary>
    public Tensor Forward(Tensor input, int start)
    {
        ArgumentNullException.ThrowIfNull(input);
        var timeAxis = BatchFirst ? 1 : 0;
        if (input.Rank != 3 || input.ShapeArray[2] != DModel || start < 0 || start + input.ShapeArray[timeAxis] > MaxLen)
        {
            throw new ArgumentException($"SinusoidalPositionalEncoding: input {input.Shape} from position {start} does not fit {(BatchFirst ? "[B, T, d]" : "[T, B, d]")} with d = {DModel} and T ≤ maxLen = {MaxLen}.", nameof(input));
        }

        var pe = Table.Narrow(0, start, input.ShapeArray[timeAxis]);
        return input + (BatchFirst ? pe.Unsqueeze(0) : pe.Unsqueeze(1));
    }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Forward(input, 0);

    /// <inheritdoc />
    protected override string Describe() => $"SinusoidalPositionalEncoding(d={DModel}, maxLen={MaxLen})";
}
