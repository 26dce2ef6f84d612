namespace Gradwire.Manifold;

/// <summary>How <see cref="Tsne"/> places the points before the first iteration.</summary>
public enum TsneInit
{
    /// <summary>
    /// The first two principal components of the input, scaled so that the first has standard deviation 1e-4
    /// (scikit-learn 1.2's default): keeps more of the global structure than a random start.
    /// </summary>
    Pca,

    /// <summary>Independent N(0, 1e-4²) coordinates from the seed (van der Maaten's original start).</summary>
    Random,
}
