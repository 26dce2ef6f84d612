using Gradwire.Scalars;

namespace Gradwire;

/// <summary>
/// Gradient checks: analytic derivatives (backprop) against central differences
/// (f(x + h) − f(x − h)) / 2h in double precision, with h scaled to each input's magnitude. This part checks
/// scalar functions; tensors add their overloads in their own part.
/// </summary>
public static partial class GradCheck
{
    /// <summary>
    /// Checks the gradient of <paramref name="f"/> at <paramref name="at"/> against central differences.
    /// </summary>
    /// <param name="f">A function of several scalars.</param>
    /// <param name="at">The point.</param>
    /// <param name="step">The relative step h (per input, h·max(1, |xᵢ|)); 1e-6 balances truncation and rounding.</param>
    public static GradCheckReport Gradient(Func<Value[], Value> f, double[] at, double step = 1e-6)
    {
        Validate(f, at, step);
        var inputs = Leaves(at);
        var analytic = Value.Gradients(f(inputs), inputs, createGraph: false);
        var analyticValues = new double[at.Length];
        var numerical = new double[at.Length];
        for (var i = 0; i < at.Length; i++)
        {
            analyticValues[i] = analytic[i].Data;
            numerical[i] = Central(x => f(Leaves(x)).Data, at, i, step);
        }

        return new GradCheckReport(analyticValues, numerical, at.Length);
    }

    /// <summary>
    /// Second order: checks the Hessian of <paramref name="f"/> (create-graph backprop, differentiated again)
    /// against central differences of the analytic gradient.
    /// </summary>
    /// <param name="f">A function of several scalars.</param>
    /// <param name="at">The point.</param>
    /// <param name="step">The relative step h; larger than for first order, since a gradient is differenced.</param>
    public static GradCheckReport Hessian(Func<Value[], Value> f, double[] at, double step = 1e-5)
    {
        Validate(f, at, step);
        var n = at.Length;
        var hessian = Diff.Hessian(f, at);
        var analytic = new double[n * n];
        var numerical = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            var h = step * Math.Max(1, Math.Abs(at[j]));
            var plus = GradientAt(f, Shifted(at, j, h));
            var minus = GradientAt(f, Shifted(at, j, -h));
            for (var i = 0; i < n; i++)
            {
                analytic[i * n + j] = hessian[i, j];
                numerical[i * n + j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        return new GradCheckReport(analytic, numerical, n);
    }

    private static double[] GradientAt(Func<Value[], Value> f, double[] at)
    {
        var inputs = Leaves(at);
        var gradient = Value.Gradients(f(inputs), inputs, createGraph: false);
        var result = new double[gradient.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = gradient[i].Data;
        }

        return result;
    }

    private static double Central(Func<double[], double> f, double[] at, int i, double step)
    {
        var h = step * Math.Max(1, Math.Abs(at[i]));
        return (f(Shifted(at, i, h)) - f(Shifted(at, i, -h))) / (2 * h);
    }

    private static double[] Shifted(double[] at, int i, double h)
    {
        var x = (double[])at.Clone();
        x[i] += h;
        return x;
    }

    private static Value[] Leaves(double[] values)
    {
        var leaves = new Value[values.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new Value(values[i]);
        }

        return leaves;
    }

    private static void Validate(Func<Value[], Value> f, double[] at, double step)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(at);
        if (!(step > 0) || !double.IsFinite(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "GradCheck: the step must be a positive finite number.");
        }
    }
}
