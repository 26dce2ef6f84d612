namespace Gradwire;

/// <summary>How far an analytic derivative is from its central-difference estimate, for one input.</summary>
/// <param name="Input">The input's index.</param>
/// <param name="AbsoluteError">The worst |analytic − numerical| over the entries of this input.</param>
/// <param name="RelativeError">The worst |analytic − numerical| / max(|analytic|, |numerical|) (0 when both are 0).</param>
public sealed record GradCheckInput(int Input, double AbsoluteError, double RelativeError);

/// <summary>
/// The result of a <see cref="GradCheck"/>: analytic and numerical derivatives side by side and the worst
/// error per input. An entry passes when its absolute error is within the absolute tolerance
/// <em>or</em> its relative error is within the relative tolerance (tiny derivatives are judged absolutely).
/// </summary>
public sealed class GradCheckReport
{
    internal GradCheckReport(double[] analytic, double[] numerical, int inputs)
    {
        Analytic = analytic;
        Numerical = numerical;
        var perInput = inputs == 0 ? 0 : analytic.Length / inputs; // a function of no inputs has nothing to check
        var entries = new GradCheckInput[inputs];
        for (var i = 0; i < inputs; i++)
        {
            double worstAbsolute = 0, worstRelative = 0;
            for (var k = i * perInput; k < (i + 1) * perInput; k++)
            {
                var absolute = Math.Abs(analytic[k] - numerical[k]);
                var scale = Math.Max(Math.Abs(analytic[k]), Math.Abs(numerical[k]));
                var relative = scale == 0 ? 0 : absolute / scale;
                if (double.IsNaN(absolute))
                {
                    absolute = relative = double.PositiveInfinity;
                }

                worstAbsolute = Math.Max(worstAbsolute, absolute);
                worstRelative = Math.Max(worstRelative, relative);
            }

            entries[i] = new GradCheckInput(i, worstAbsolute, worstRelative);
        }

        Inputs = entries;
    }

    /// <summary>The analytic derivatives: the gradient, or the Hessian row by row.</summary>
    public IReadOnlyList<double> Analytic { get; }

    /// <summary>The central-difference estimates, in the same order as <see cref="Analytic"/>.</summary>
    public IReadOnlyList<double> Numerical { get; }

    /// <summary>The worst errors of each input (for a Hessian: over the input's row).</summary>
    public IReadOnlyList<GradCheckInput> Inputs { get; }

    /// <summary>The worst absolute error over all inputs.</summary>
    public double MaxAbsoluteError => Inputs.Count == 0 ? 0 : Inputs.Max(e => e.AbsoluteError);

    /// <summary>The worst relative error over all inputs.</summary>
    public double MaxRelativeError => Inputs.Count == 0 ? 0 : Inputs.Max(e => e.RelativeError);

    /// <summary>
    /// True when every entry passes the default tolerances of <see cref="Passes"/> (1e-6 relative or 1e-8
    /// absolute); the same name as on the tensor check's result.
    /// </summary>
    public bool Passed => Passes();

    /// <summary>How many derivative entries were compared (the gradient's length, or the Hessian's n²).</summary>
    public int Checked => Analytic.Count;

    /// <summary>The entry with the largest absolute error (NaN counts as largest), as an index into <see cref="Analytic"/>; −1 when nothing was checked.</summary>
    public int WorstIndex
    {
        get
        {
            var worst = -1;
            var largest = double.NegativeInfinity;
            for (var k = 0; k < Analytic.Count; k++)
            {
                var absolute = Math.Abs(Analytic[k] - Numerical[k]);
                if (double.IsNaN(absolute))
                {
                    return k;
                }

                if (absolute > largest)
                {
                    largest = absolute;
                    worst = k;
                }
            }

            return worst;
        }
    }

    /// <summary>Where the largest absolute error occurred, with both values (as on the tensor check's result).</summary>
    public string Worst => WorstIndex < 0
        ? "nothing checked"
        : $"entry {WorstIndex}: analytic {Analytic[WorstIndex]:R}, numeric {Numerical[WorstIndex]:R}";

    /// <summary>True when every entry is within <paramref name="relativeTolerance"/> or <paramref name="absoluteTolerance"/>.</summary>
    /// <param name="relativeTolerance">The largest acceptable relative error.</param>
    /// <param name="absoluteTolerance">The largest acceptable absolute error.</param>
    public bool Passes(double relativeTolerance = 1e-6, double absoluteTolerance = 1e-8)
    {
        for (var k = 0; k < Analytic.Count; k++)
        {
            var absolute = Math.Abs(Analytic[k] - Numerical[k]);
            var scale = Math.Max(Math.Abs(Analytic[k]), Math.Abs(Numerical[k]));
            if (!(absolute <= absoluteTolerance || absolute <= relativeTolerance * scale))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"GradCheck: {Inputs.Count} inputs, max absolute error {MaxAbsoluteError:G3}, max relative error {MaxRelativeError:G3}; worst at {Worst}";
}
