namespace Gradwire.Metrics;

/// <summary>
/// How BLEU treats an n-gram order with no matches (Chen and Cherry 2014, as sacreBLEU's <c>--smooth-method</c>).
/// </summary>
public enum BleuSmoothing
{
    /// <summary>mteval-v13a's: the k-th order without matches gets precision 1 / (2^k · total) (sacreBLEU's default).</summary>
    Exp,

    /// <summary>A zero match count becomes the smoothing value (default 0.1): precision = value / total.</summary>
    Floor,

    /// <summary>Add the smoothing value (default 1) to matches and totals of orders 2 and up.</summary>
    AddK,

    /// <summary>No smoothing: an order without matches makes the score 0.</summary>
    None,
}
