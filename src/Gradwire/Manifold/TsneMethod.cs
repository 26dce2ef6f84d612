namespace Gradwire.Manifold;

/// <summary>How <see cref="Tsne"/> computes the gradient of the KL divergence.</summary>
public enum TsneMethod
{
    /// <summary>
    /// Barnes-Hut: a sparse P over the ⌊3·perplexity + 1⌋ nearest neighbours and a quadtree for the repulsive
    /// forces, summarizing a cell of width w at squared distance d² from the point when w² / d² &lt; θ²;
    /// O(N log N) per iteration.
    /// </summary>
    BarnesHut,

    /// <summary>Exact: the dense N×N P and Q, O(N²) per iteration and memory; for small data and for checking.</summary>
    Exact,
}
