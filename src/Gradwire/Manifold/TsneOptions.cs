namespace Gradwire.Manifold;

/// <summary>
/// The settings of <see cref="Tsne.Fit(ReadOnlySpan{double}, int, int, TsneOptions?)"/>; the defaults are
/// scikit-learn 1.2's <c>TSNE</c> (van der Maaten's recipe with the "auto" learning rate).
/// </summary>
public sealed record TsneOptions
{
    /// <summary>The perplexity 2^H(P_i) each row's conditional distribution is calibrated to; must be below N.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>The factor P is multiplied by during the first <see cref="ExaggerationIterations"/> iterations.</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>How many of the <see cref="Iterations"/> run with early exaggeration and momentum <see cref="InitialMomentum"/>.</summary>
    public int ExaggerationIterations { get; init; } = 250;

    /// <summary>Total gradient-descent iterations (those of the exaggeration stage included).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>The step size; null for "auto": max(N / early exaggeration / 4, 50).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Momentum during the exaggeration stage.</summary>
    public double InitialMomentum { get; init; } = 0.5;

    /// <summary>Momentum after the exaggeration stage.</summary>
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>The smallest per-coordinate gain (gains grow by +0.2 when the step changes sign, else shrink ×0.8).</summary>
    public double MinGain { get; init; } = 0.01;

    /// <summary>Stop when the gradient's L2 norm (checked every 50 iterations) falls to this.</summary>
    public double MinGradNorm { get; init; } = 1e-7;

    /// <summary>Barnes-Hut's angle θ (0: exact repulsion; larger: faster, rougher).</summary>
    public double Theta { get; init; } = 0.5;

    /// <summary>Exact or Barnes-Hut.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.BarnesHut;

    /// <summary>The starting layout.</summary>
    public TsneInit Init { get; init; } = TsneInit.Pca;

    /// <summary>Reduce the input to this many principal components first (0: no reduction; ignored when the input has no more columns).</summary>
    public int PcaComponents { get; init; }

    /// <summary>The seed of the random start and of the randomized PCA.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Called every 50 iterations and after the last with (iterations done, KL divergence of the P the optimizer
    /// sees: exaggerated in the first stage); null for none. Runs on the calling thread.
    /// </summary>
    public Action<int, double>? Progress { get; init; }

    /// <summary>Threads for the neighbour search, the affinities and the gradient (≤ 0: all cores). The result does not depend on it.</summary>
    public int Threads { get; init; }
}
