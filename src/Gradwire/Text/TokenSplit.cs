namespace Gradwire.Text;

/// <summary>Splits a token stream by position: the first part for training, the rest for validation.</summary>
public static class TokenSplit
{
    /// <summary>
    /// The first <c>floor(trainFraction · n)</c> tokens and the rest, as char-rnn and nanoGPT split
    /// (no shuffling: validation text is text the model has not seen, not a sample of the same passages).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainFraction"/> is outside [0, 1].</exception>
    public static (long[] Train, long[] Validation) ByPosition(ReadOnlySpan<long> tokens, double trainFraction = 0.9)
    {
        if (!(trainFraction >= 0 && trainFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "token split: trainFraction must be in [0, 1].");
        }

        int cut = (int)Math.Floor(trainFraction * tokens.Length);
        return (tokens[..cut].ToArray(), tokens[cut..].ToArray());
    }
}
