namespace Gradwire.Text;

/// <summary>word2vec's hyper-parameters, with the original tool's defaults.</summary>
public sealed class Word2VecOptions
{
    /// <summary>Vector size (default 100).</summary>
    public int Dimension { get; init; } = 100;

    /// <summary>Maximum context distance; each centre word uses a window shrunk to a uniform 1..Window (default 5).</summary>
    public int Window { get; init; } = 5;

    /// <summary>Negative samples per positive pair, drawn from <c>count^0.75</c> (default 5; 0 turns negative sampling off).</summary>
    public int Negative { get; init; } = 5;

    /// <summary>Hierarchical softmax over a Huffman tree (default off).</summary>
    public bool HierarchicalSoftmax { get; init; }

    /// <summary>CBOW (the mean of the context predicts the word) instead of skip-gram (default skip-gram).</summary>
    public bool Cbow { get; init; }

    /// <summary>Words seen fewer times are dropped (default 5).</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Passes over the corpus (default 5).</summary>
    public int Iterations { get; init; } = 5;

    /// <summary>
    /// Subsampling threshold t (default 1e-3): a word of frequency f = count/total is kept with probability
    /// <c>(√(f/t) + 1)·t/f</c>, as word2vec.c; 0 keeps every word.
    /// </summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Starting learning rate; null for the original's 0.025 (skip-gram) or 0.05 (CBOW). It decays linearly to α·1e-4.</summary>
    public double? Alpha { get; init; }

    /// <summary>Worker threads updating the shared matrices without locks (Hogwild); default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of the initial vectors and of every random draw (one thread: the result is deterministic).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The learning rate that applies: <see cref="Alpha"/> or the default for the architecture.</summary>
    public double StartingAlpha => Alpha ?? (Cbow ? 0.05 : 0.025);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(Dimension >= 1, "dimension", Dimension, "at least 1");
        Check(Window >= 1, "window", Window, "at least 1");
        Check(Negative >= 0, "negative", Negative, "0 or more");
        Check(Negative > 0 || HierarchicalSoftmax, "negative", Negative, "positive unless hierarchical softmax is on (--hs)");
        Check(MinCount >= 1, "min-count", MinCount, "at least 1");
        Check(Iterations >= 1, "iterations", Iterations, "at least 1");
        Check(Sample >= 0 && double.IsFinite(Sample), "sample", Sample, "a finite number ≥ 0");
        Check(StartingAlpha > 0 && double.IsFinite(StartingAlpha), "alpha", StartingAlpha, "positive");
        Check(Threads >= 1, "threads", Threads, "at least 1");
    }

    private static void Check(bool ok, string name, object value, string expected)
    {
        if (!ok)
        {
            throw new ArgumentException($"word2vec: {name} is {value}; expected {expected}.");
        }
    }
}
