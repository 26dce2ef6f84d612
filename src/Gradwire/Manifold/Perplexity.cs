namespace Gradwire.Manifold;

/// <summary>
/// Calibrates one row of t-SNE's conditional P: p_j|i = exp(−β d²_ij) / Σ_k exp(−β d²_ik), with β found by
/// bisection so that the row's entropy H = log Σ_k exp(−β d²_ik) + β Σ_j d²_ij p_j|i equals log(perplexity)
/// (natural logarithms; scikit-learn's search: start β = 1, double or halve until bracketed, then bisect,
/// at most 100 steps, tolerance 1e-5).
/// </summary>
internal static class Perplexity
{
    private const int MaxSteps = 100;
    private const double Tolerance = 1e-5;

    /// <summary>Fills <paramref name="p"/> (rows sum to 1) from the squared distances; returns the β found.</summary>
    public static double CalibrateRow(ReadOnlySpan<double> squaredDistances, Span<double> p, double perplexity)
    {
        var desired = Math.Log(perplexity);
        double beta = 1, betaMin = double.NegativeInfinity, betaMax = double.PositiveInfinity;
        for (var step = 0; step < MaxSteps; step++)
        {
            double sum = 0;
            for (var j = 0; j < squaredDistances.Length; j++)
            {
                p[j] = Math.Exp(-squaredDistances[j] * beta);
                sum += p[j];
            }

            if (sum == 0)
            {
                sum = 1e-8;
            }

            double weighted = 0;
            for (var j = 0; j < squaredDistances.Length; j++)
            {
                p[j] /= sum;
                weighted += squaredDistances[j] * p[j];
            }

            var entropy = Math.Log(sum) + beta * weighted;
            var diff = entropy - desired;
            if (Math.Abs(diff) <= Tolerance)
            {
                break;
            }

            if (diff > 0)
            {
                betaMin = beta;
                beta = double.IsPositiveInfinity(betaMax) ? beta * 2 : (beta + betaMax) / 2;
            }
            else
            {
                betaMax = beta;
                beta = double.IsNegativeInfinity(betaMin) ? beta / 2 : (beta + betaMin) / 2;
            }
        }

        return beta;
    }

    /// <summary>The entropy (nats) of a distribution: −Σ p log p over p &gt; 0.</summary>
    public static double Entropy(ReadOnlySpan<double> p)
    {
        double h = 0;
        foreach (var v in p)
        {
            if (v > 0)
            {
                h -= v * Math.Log(v);
            }
        }

        return h;
    }
}
