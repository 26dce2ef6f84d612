using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>The plain gradient-descent loop the nn6 examples share: zero the grads, backward, step against the gradient.</summary>
public static class GradientDescent
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps of <c>p ← p − lr·∂f/∂p</c> on <paramref name="parameters"/> (updated in
    /// place), recording f and the parameters at step 0, every <paramref name="logEvery"/> steps and at the end.
    /// </summary>
    public static DescentRun Minimize(IReadOnlyList<Value> parameters, Func<Value> f, double learningRate, int steps, int logEvery)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(logEvery, 1);
        var labels = new string[parameters.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = parameters[i].Label ?? "p";
        }

        var log = new List<DescentLogEntry>();
        Value loss = f();
        for (var step = 0; step <= steps; step++)
        {
            loss = f();
            if (step % logEvery == 0 || step == steps)
            {
                var values = new double[parameters.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = parameters[i].Data;
                }

                log.Add(new DescentLogEntry(step, loss.Data, values));
            }

            if (step == steps)
            {
                break;
            }

            foreach (var p in parameters)
            {
                p.Grad = 0;
            }

            loss.Backward();
            foreach (var p in parameters)
            {
                p.Data -= learningRate * p.Grad;
            }
        }

        return new DescentRun(learningRate, labels, loss.Data, log);
    }
}

/// <summary>One logged step of <see cref="GradientDescent.Minimize"/>.</summary>
/// <param name="Step">The step, from 0 (before any update).</param>
/// <param name="F">f at this step.</param>
/// <param name="Parameters">The parameters at this step, in the order passed.</param>
public sealed record DescentLogEntry(int Step, double F, IReadOnlyList<double> Parameters);

/// <summary>What <see cref="GradientDescent.Minimize"/> did.</summary>
/// <param name="LearningRate">The step size.</param>
/// <param name="Labels">The parameters' labels ("p" for an unlabeled one).</param>
/// <param name="Final">f after the last step.</param>
/// <param name="Log">The logged steps.</param>
public sealed record DescentRun(double LearningRate, IReadOnlyList<string> Labels, double Final, IReadOnlyList<DescentLogEntry> Log);
