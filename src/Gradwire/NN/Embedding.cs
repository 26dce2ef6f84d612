using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// A lookup table, as <c>torch.nn.Embedding</c>: for int64 indices of any shape S, y = W[indices] of shape
/// S + [dim]. W is [num, dim], drawn N(0, 1) (the padding row zeroed). The backward adds each output row's
/// gradient into the row it came from (a scatter-add into the gradient itself, no other dense temporary);
/// the padding row gets no gradient. With <c>maxNorm</c>, rows looked up whose L2 norm exceeds it are
/// rescaled in place to that norm before the lookup (as PyTorch, no gradient through the rescale).
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    /// <summary>Creates the table with weights drawn from <paramref name="generator"/>.</summary>
    /// <param name="numEmbeddings">Rows of the table (the vocabulary size).</param>
    /// <param name="embeddingDim">Features per row.</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="paddingIdx">A row that gets no gradient and starts at zero (negative counts from the end), or null.</param>
    /// <param name="maxNorm">Renormalize looked-up rows to at most this L2 norm, or null.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public Embedding(int numEmbeddings, int embeddingDim, Generator generator, int? paddingIdx = null, double? maxNorm = null,
        DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (numEmbeddings < 1 || embeddingDim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding: sizes must be ≥ 1, got {numEmbeddings} × {embeddingDim}.");
        }

        if (paddingIdx is { } p && (p >= numEmbeddings || p < -numEmbeddings))
        {
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), p, $"Embedding: padding_idx must be in [-{numEmbeddings}, {numEmbeddings}).");
        }

        if (maxNorm is { } mn && !(mn > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), mn, "Embedding: max_norm must be > 0.");
        }

        if (dtype is not (DType.Float32 or DType.Float64))
        {
            throw new ArgumentException($"Embedding: weights must be float32 or float64, got {dtype.Name()}.", nameof(dtype));
        }

        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = paddingIdx is { } q && q < 0 ? q + numEmbeddings : paddingIdx;
        MaxNorm = maxNorm;
        var w = Tensor.Normal(new Shape(numEmbeddings, embeddingDim), generator, 0, 1, dtype);
        if (PaddingIdx is { } pad)
        {
            RowsOf(w, pad, 1).Clear(w.DType);
        }

        Weight = RegisterParameter("weight", w);
    }

    /// <summary>Rows of the table.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Features per row.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The row that gets no gradient (normalized to ≥ 0), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>The L2 norm looked-up rows are clipped to, or null.</summary>
    public double? MaxNorm { get; }

    /// <summary>The table, [num, dim].</summary>
    public Parameter Weight { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DType != DType.Int64)
        {
            throw new ArgumentException($"Embedding: indices must be int64, got {input.DType.Name()} {input.Shape}.", nameof(input));
        }

        var flat = input.Reshape(-1);
        var values = flat.ToArray<long>();
        var rows = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v < 0 || v >= NumEmbeddings)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(input), $"Embedding: index {v} at flat position {i} of indices {input.Shape} is out of range [0, {NumEmbeddings}).");
            }

            rows[i] = (int)v;
        }

        if (MaxNorm is { } maxNorm)
        {
            Renormalize(rows, maxNorm);
        }

        var selected = Weight.Value.IndexSelect(0, rows);
        if (PaddingIdx is { } pad && Array.IndexOf(rows, pad) >= 0)
        {
            // The padding positions keep their value but take their value from a detached copy: no gradient.
            var keep = flat.Ne(pad).Unsqueeze(1);
            selected = Tensor.Where(keep, selected, selected.Detach());
        }

        var shape = new int[input.Rank + 1];
        input.ShapeArray.CopyTo(shape, 0);
        shape[^1] = EmbeddingDim;
        return selected.Reshape(shape);
    }

    /// <inheritdoc />
    protected override string Describe() =>
        $"Embedding({NumEmbeddings}, {EmbeddingDim}{(PaddingIdx is { } p ? $", padding_idx={p}" : "")}{(MaxNorm is { } m ? $", max_norm={m}" : "")})";

    private void Renormalize(int[] rows, double maxNorm)
    {
        var w = Weight.Value;
        var dim = EmbeddingDim;
        var seen = new HashSet<int>();
        foreach (var r in rows)
        {
            if (!seen.Add(r))
            {
                continue;
            }

            if (w.DType == DType.Float32)
            {
                var row = TensorSpans.Of<float>(w).Slice(r * dim, dim);
                var s = 0.0;
                foreach (var v in row)
                {
                    s += (double)v * v;
                }

                var norm = Math.Sqrt(s);
                if (norm > maxNorm)
                {
                    var scale = (float)(maxNorm / (norm + 1e-7));
                    for (var j = 0; j < dim; j++)
                    {
                        row[j] *= scale;
                    }
                }
            }
            else
            {
                var row = TensorSpans.Of<double>(w).Slice(r * dim, dim);
                var s = 0.0;
                foreach (var v in row)
                {
                    s += v * v;
                }

                var norm = Math.Sqrt(s);
                if (norm > maxNorm)
                {
                    var scale = maxNorm / (norm + 1e-7);
                    for (var j = 0; j < dim; j++)
                    {
                        row[j] *= scale;
                    }
                }
            }
        }
    }

    private static RowSpan RowsOf(Tensor w, int row, int count) => new(w, row * w.ShapeArray[1], count * w.ShapeArray[1]);

    /// <summary>A range of a contiguous table's elements, cleared by dtype.</summary>
    private readonly record struct RowSpan(Tensor Table, int Start, int Length)
    {
        public void Clear(DType dtype)
        {
            if (dtype == DType.Float32)
            {
                TensorSpans.Of<float>(Table).Slice(Start, Length).Clear();
            }
            else
            {
                TensorSpans.Of<double>(Table).Slice(Start, Length).Clear();
            }
        }
    }
}
