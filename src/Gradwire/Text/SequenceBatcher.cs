using Gradwire.Tensors;

namespace Gradwire.Text;

/// <summary>
/// Cuts a token stream into (batch, sequence) windows of inputs and next-token targets, for truncated
/// backpropagation through time.
/// </summary>
/// <remarks>
/// <para><see cref="Sequential"/> is char-rnn's layout: the stream is cut into <c>batch</c> contiguous rows of
/// <c>L = floor(n / batch)</c> tokens (the tail is dropped) and window k holds columns <c>[kT, kT+T)</c> of every row
/// with targets one column later, so row b of window k+1 continues row b of window k and a recurrent state carried
/// between windows is the state of the same text.</para>
/// <para><see cref="Random"/> is nanoGPT's <c>get_batch</c>: each row starts at a uniformly drawn offset in
/// <c>[0, n - T - 1]</c>, drawn from a seeded generator.</para>
/// Works on any Int64 token stream (word ids from <see cref="Vocabulary"/>, character ids, subword ids).
/// </remarks>
public sealed class SequenceBatcher
{
    private readonly long[] _tokens;

    /// <summary>A batcher over <paramref name="tokens"/> with <paramref name="batchSize"/> rows of <paramref name="sequenceLength"/> steps.</summary>
    /// <exception cref="ArgumentException">The sizes are not positive or the stream is too short for one window.</exception>
    public SequenceBatcher(ReadOnlySpan<long> tokens, int batchSize, int sequenceLength)
    {
        if (batchSize < 1 || sequenceLength < 1)
        {
            throw new ArgumentException($"sequence batcher: batch ({batchSize}) and sequence length ({sequenceLength}) must be positive.");
        }

        if (tokens.Length < sequenceLength + 1)
        {
            throw new ArgumentException(
                $"sequence batcher: {tokens.Length} tokens are too few for one window of {sequenceLength} steps " +
                "(need at least sequence + 1); use a shorter --seq or more text.");
        }

        _tokens = tokens.ToArray();
        BatchSize = batchSize;
        SequenceLength = sequenceLength;
    }

    /// <summary>Rows per window.</summary>
    public int BatchSize { get; }

    /// <summary>Time steps per window.</summary>
    public int SequenceLength { get; }

    /// <summary>Tokens per row in the sequential layout: <c>floor(n / batch)</c>.</summary>
    public int RowLength => _tokens.Length / BatchSize;

    /// <summary>Windows per pass in the sequential layout: <c>floor((L - 1) / T)</c>.</summary>
    public int SequentialCount => Math.Max(0, (RowLength - 1) / SequenceLength);

    /// <summary>The sequential windows, in order (see the remarks).</summary>
    public IEnumerable<SequenceBatch> Sequential()
    {
        int count = SequentialCount;
        if (count == 0)
        {
            throw new ArgumentException(
                $"sequence batcher: {_tokens.Length} tokens in {BatchSize} rows leave {RowLength} per row, too few for a window of " +
                $"{SequenceLength} steps plus its target; use a smaller batch or sequence.");
        }

        for (int k = 0; k < count; k++)
        {
            yield return SequentialWindow(k);
        }
    }

    /// <summary>Sequential window <paramref name="k"/> (0 ≤ k &lt; <see cref="SequentialCount"/>).</summary>
    public SequenceBatch SequentialWindow(int k)
    {
        if ((uint)k >= (uint)SequentialCount)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"sequence batcher: window index must be in [0, {SequentialCount}).");
        }

        int t = SequenceLength;
        var inputs = new long[BatchSize * t];
        var targets = new long[BatchSize * t];
        int rowLength = RowLength;
        for (int b = 0; b < BatchSize; b++)
        {
            int start = b * rowLength + k * t;
            _tokens.AsSpan(start, t).CopyTo(inputs.AsSpan(b * t, t));
            _tokens.AsSpan(start + 1, t).CopyTo(targets.AsSpan(b * t, t));
        }

        return new SequenceBatch(Tensor.FromArray(inputs, [BatchSize, t]), Tensor.FromArray(targets, [BatchSize, t]));
    }

    /// <summary>One window of rows starting at random offsets drawn from <paramref name="random"/> (see the remarks).</summary>
    public SequenceBatch Random(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int t = SequenceLength;
        var inputs = new long[BatchSize * t];
        var targets = new long[BatchSize * t];
        for (int b = 0; b < BatchSize; b++)
        {
            int start = random.Next(0, _tokens.Length - t);
            _tokens.AsSpan(start, t).CopyTo(inputs.AsSpan(b * t, t));
            _tokens.AsSpan(start + 1, t).CopyTo(targets.AsSpan(b * t, t));
        }

        return new SequenceBatch(Tensor.FromArray(inputs, [BatchSize, t]), Tensor.FromArray(targets, [BatchSize, t]));
    }
}
