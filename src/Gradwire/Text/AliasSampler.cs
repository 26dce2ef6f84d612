namespace Gradwire.Text;

/// <summary>
/// Walker's alias method: draws index i with probability <c>w[i] / Σw</c> in O(1) from two uniform numbers. word2vec
/// draws negatives from <c>count^0.75</c> with a 10⁸-entry table (400 MB); the alias table gives the same
/// distribution exactly in 8 bytes per word.
/// </summary>
internal sealed class AliasSampler
{
    private readonly float[] _probability;
    private readonly int[] _alias;

    /// <summary>A sampler of <paramref name="weights"/> (non-negative, not all zero).</summary>
    public AliasSampler(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        if (n == 0)
        {
            throw new ArgumentException("alias sampler: no weights.", nameof(weights));
        }

        double total = 0;
        foreach (double w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"alias sampler: weight {w} is not a finite non-negative number.", nameof(weights));
            }

            total += w;
        }

        if (total <= 0)
        {
            throw new ArgumentException("alias sampler: the weights sum to 0.", nameof(weights));
        }

        _probability = new float[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop();
            int l = large.Pop();
            _probability[s] = (float)scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }

        while (large.Count > 0)
        {
            int l = large.Pop();
            _probability[l] = 1;
            _alias[l] = l;
        }

        while (small.Count > 0)
        {
            int s = small.Pop(); // only rounding leaves one here: its probability is 1 up to that rounding
            _probability[s] = 1;
            _alias[s] = s;
        }
    }

    /// <summary>The number of outcomes.</summary>
    public int Count => _alias.Length;

    /// <summary>
    /// An outcome from one 64-bit random word: the high 32 bits pick a column, bits 8–31 the coin.
    /// </summary>
    public int Sample(ulong random)
    {
        int column = (int)(((random >> 32) * (ulong)_alias.Length) >> 32);
        float coin = ((random >> 8) & 0xFFFFFF) * (1f / 16777216f);
        return coin < _probability[column] ? column : _alias[column];
    }

    /// <summary>The probability of <paramref name="i"/> this sampler realizes (for tests).</summary>
    internal double Probability(int i)
    {
        double p = _probability[i];
        for (int j = 0; j < _alias.Length; j++)
        {
            if (_alias[j] == i && j != i)
            {
                p += 1 - _probability[j];
            }
        }

        return p / _alias.Length;
    }
}
