using Gradwire.Tensors;

namespace Gradwire.Manifold;

/// <summary>
/// t-distributed stochastic neighbour embedding (van der Maaten &amp; Hinton 2008; Barnes-Hut: van der Maaten
/// 2014) of N points into 2-D, in float64, with scikit-learn 1.2's recipe: perplexity-calibrated conditional
/// P symmetrized as p_ij = (p_j|i + p_i|j) / Σ, Student-t Q, gradient descent on KL(P ‖ Q) with early
/// exaggeration, momentum and per-coordinate gains.
/// </summary>
/// <remarks>
/// Update per iteration, per coordinate: gain ← gain + 0.2 if sign(grad) ≠ sign(update) else gain · 0.8, at least
/// <see cref="TsneOptions.MinGain"/>; update ← momentum · update − lr · gain · grad; y ← y + update. Gains and
/// updates restart when the exaggeration stage ends (as scikit-learn's two descent calls do). The same seed and
/// options give the same layout for any thread count.
/// </remarks>
public static class Tsne
{
    private const int CheckEvery = 50;

    /// <summary>Embeds the rows of <paramref name="x"/> (row-major <paramref name="n"/>×<paramref name="d"/>) in 2-D.</summary>
    /// <exception cref="ArgumentException">
    /// The shape does not match, N &lt; 2, a value is NaN or ∞, the perplexity is not in (0, N), or an option is out of range.
    /// </exception>
    public static TsneResult Fit(ReadOnlySpan<double> x, int n, int d, TsneOptions? options = null)
    {
        options ??= new TsneOptions();
        Validate(x, n, d, options);
        var threads = options.Threads <= 0 ? Environment.ProcessorCount : options.Threads;
        var data = x;
        double[]? reduced = null;
        if (options.PcaComponents > 0 && options.PcaComponents < d)
        {
            reduced = Pca.FitTransform(x, n, d, options.PcaComponents, options.Seed, threads);
            data = reduced;
            d = options.PcaComponents;
        }

        var y = Initialize(data, n, d, reduced is not null, options, threads);
        var learningRate = options.LearningRate ?? Math.Max(n / options.EarlyExaggeration / 4, 50);
        return options.Method == TsneMethod.Exact
            ? Optimize(new ExactObjective(TsneAffinities.Dense(data, n, d, options.Perplexity, threads), n, threads), y, n, learningRate, options)
            : Optimize(new BarnesHutObjective(TsneAffinities.Sparse(data, n, d, options.Perplexity, threads), options.Theta, threads), y, n, learningRate, options);
    }

    /// <summary>
    /// Float32 input (e.g. dataset features); converted to float64 first.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit(ReadOnlySpan{double}, int, int, TsneOptions?)"/>.</exception>
    public static TsneResult Fit(ReadOnlySpan<float> x, int n, int d, TsneOptions? options = null)
    {
        var wide = new double[x.Length];
        for (var e = 0; e < x.Length; e++)
        {
            wide[e] = x[e];
        }

        return Fit(wide, n, d, options);
    }

    private static TsneResult Optimize(IObjective objective, double[] y, int n, double learningRate, TsneOptions options)
    {
        var grad = new double[2 * n];
        var update = new double[2 * n];
        var gains = new double[2 * n];
        var stageOne = Math.Min(options.ExaggerationIterations, options.Iterations);
        var done = 0;
        var converged = false;
        for (var stage = 0; stage < 2 && !converged; stage++)
        {
            var exaggeration = stage == 0 ? options.EarlyExaggeration : 1.0;
            var momentum = stage == 0 ? options.InitialMomentum : options.FinalMomentum;
            var end = stage == 0 ? stageOne : options.Iterations;
            Array.Clear(update);
            Array.Fill(gains, 1.0);
            for (var it = done; it < end; it++)
            {
                var report = options.Progress is not null && it > 0 && it % CheckEvery == 0;
                var kl = objective.Evaluate(y, exaggeration, grad, report);
                if (report)
                {
                    options.Progress!(it, kl);
                }

                double norm2 = 0;
                for (var t = 0; t < 2 * n; t++)
                {
                    var g = grad[t];
                    gains[t] = update[t] * g < 0 ? gains[t] + 0.2 : gains[t] * 0.8;
                    if (gains[t] < options.MinGain)
                    {
                        gains[t] = options.MinGain;
                    }

                    g *= gains[t];
                    norm2 += g * g;
                    update[t] = momentum * update[t] - learningRate * g;
                    y[t] += update[t];
                }

                done = it + 1;
                if ((it + 1) % CheckEvery == 0 && Math.Sqrt(norm2) <= options.MinGradNorm)
                {
                    converged = true;
                    break;
                }
            }
        }

        var final = objective.Evaluate(y, 1.0, grad, computeKl: true);
        options.Progress?.Invoke(done, final);
        return new TsneResult(y, n, final, done, learningRate);
    }

    private static double[] Initialize(ReadOnlySpan<double> data, int n, int d, bool alreadyPca, TsneOptions options, int threads)
    {
        var y = new double[2 * n];
        if (options.Init == TsneInit.Random || d < 2)
        {
            var generator = new Generator(options.Seed);
            for (var t = 0; t < y.Length; t++)
            {
                y[t] = 1e-4 * generator.NextNormal();
            }

            return y;
        }

        // The reduced data's first two columns are already the first two principal components.
        if (alreadyPca)
        {
            for (var i = 0; i < n; i++)
            {
                y[2 * i] = data[i * d];
                y[2 * i + 1] = data[i * d + 1];
            }
        }
        else
        {
            y = Pca.FitTransform(data, n, d, 2, options.Seed, threads);
        }

        double mean = 0, square = 0;
        for (var i = 0; i < n; i++)
        {
            mean += y[2 * i];
        }

        mean /= n;
        for (var i = 0; i < n; i++)
        {
            square += (y[2 * i] - mean) * (y[2 * i] - mean);
        }

        var std = Math.Sqrt(square / n);
        var scale = std > 0 ? 1e-4 / std : 1.0;
        for (var t = 0; t < y.Length; t++)
        {
            y[t] *= scale;
        }

        return y;
    }

    private static void Validate(ReadOnlySpan<double> x, int n, int d, TsneOptions options)
    {
        if (n < 2)
        {
            throw new ArgumentException($"Tsne: needs at least 2 points, got N = {n}.", nameof(n));
        }

        if (d < 1 || (long)n * d != x.Length)
        {
            throw new ArgumentException($"Tsne: expected an N×D row-major matrix, got {x.Length} values for N = {n}, D = {d}.", nameof(x));
        }

        for (var e = 0; e < x.Length; e++)
        {
            if (!double.IsFinite(x[e]))
            {
                throw new ArgumentException($"Tsne: the input has a non-finite value ({x[e]}) at row {e / d}, column {e % d}.", nameof(x));
            }
        }

        if (!(options.Perplexity > 0) || options.Perplexity >= n)
        {
            throw new ArgumentException(
                $"Tsne: the perplexity must be in (0, N) = (0, {n}), not {options.Perplexity}; use fewer than {n} effective neighbours (e.g. {Math.Max(1, Math.Min(30, (n - 1) / 3))}).",
                nameof(options));
        }

        Require(options.EarlyExaggeration >= 1, "EarlyExaggeration", "≥ 1", options.EarlyExaggeration);
        Require(options.Iterations >= 0, "Iterations", "≥ 0", options.Iterations);
        Require(options.ExaggerationIterations >= 0, "ExaggerationIterations", "≥ 0", options.ExaggerationIterations);
        Require(options.LearningRate is null || options.LearningRate > 0, "LearningRate", "> 0 (or null for auto)", options.LearningRate ?? 0);
        Require(options.Theta >= 0 && double.IsFinite(options.Theta), "Theta", "≥ 0", options.Theta);
        Require(options.MinGain >= 0, "MinGain", "≥ 0", options.MinGain);
        Require(options.PcaComponents >= 0, "PcaComponents", "≥ 0 (0: none)", options.PcaComponents);
    }

    private static void Require(bool ok, string name, string expected, double value)
    {
        if (!ok)
        {
            throw new ArgumentException($"Tsne: TsneOptions.{name} must be {expected}, not {value}.");
        }
    }

    private interface IObjective
    {
        double Evaluate(double[] y, double exaggeration, double[] grad, bool computeKl);
    }

    private sealed class ExactObjective(double[] p, int n, int threads) : IObjective
    {
        private readonly double[] _scratch = new double[3 * n];

        public double Evaluate(double[] y, double exaggeration, double[] grad, bool computeKl) =>
            TsneGradient.Exact(p, y, n, exaggeration, grad, _scratch, threads, computeKl);
    }

    private sealed class BarnesHutObjective(SparseAffinities p, double theta, int threads) : IObjective
    {
        private readonly QuadTree _tree = new();
        private readonly double[] _scratch = new double[7 * p.Count];

        public double Evaluate(double[] y, double exaggeration, double[] grad, bool computeKl) =>
            TsneGradient.BarnesHut(p, y, exaggeration, theta, _tree, grad, _scratch, threads, computeKl);
    }
}
