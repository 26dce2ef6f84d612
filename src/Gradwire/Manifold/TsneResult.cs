namespace Gradwire.Manifold;

/// <summary>What <see cref="Tsne.Fit(ReadOnlySpan{double}, int, int, TsneOptions?)"/> returns.</summary>
public sealed class TsneResult
{
    internal TsneResult(double[] embedding, int count, double klDivergence, int iterations, double learningRate)
    {
        Embedding = embedding;
        Count = count;
        KlDivergence = klDivergence;
        Iterations = iterations;
        LearningRate = learningRate;
    }

    /// <summary>The 2-D coordinates, row-major: point i is (Embedding[2i], Embedding[2i + 1]).</summary>
    public double[] Embedding { get; }

    /// <summary>The number of points N.</summary>
    public int Count { get; }

    /// <summary>
    /// The final KL(P ‖ Q) = Σ_{i≠j} p_ij log(p_ij / q_ij): over all pairs for the exact method, over the sparse
    /// P's entries for Barnes-Hut (as scikit-learn reports it), at the final layout.
    /// </summary>
    public double KlDivergence { get; }

    /// <summary>Iterations run (fewer than asked when the gradient vanished).</summary>
    public int Iterations { get; }

    /// <summary>The learning rate used (the resolved "auto" value when none was given).</summary>
    public double LearningRate { get; }
}
