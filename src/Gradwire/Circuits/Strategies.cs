namespace Gradwire.Circuits;

/// <summary>
/// The guide's three ways to make a circuit's output go up (or down), over any circuit:
/// random local search, the numerical gradient, and the analytic gradient (backpropagation).
/// </summary>
public static class Strategies
{
    /// <summary>
    /// Strategy #1, random local search: <paramref name="iterations"/> times, nudge every input by
    /// <c>tweakAmount · U(−1, 1)</c> from <paramref name="start"/> and keep the best output seen.
    /// </summary>
    /// <remarks>
    /// As in the guide every try starts from <paramref name="start"/> (it is a search around one point, not a walk),
    /// and the best try wins even if no try beat the start. Random numbers come only from <paramref name="random"/>,
    /// drawn input by input, so a seeded <see cref="Random"/> gives the same result every time.
    /// </remarks>
    public static StrategyResult RandomLocalSearch(
        CircuitFunction circuit,
        ReadOnlySpan<double> start,
        Random random,
        double tweakAmount = 0.01,
        int iterations = 100,
        Objective objective = Objective.Maximize)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(random);
        RequireInputs(start);
        if (!(tweakAmount >= 0.0) || !double.IsFinite(tweakAmount))
        {
            throw new ArgumentOutOfRangeException(nameof(tweakAmount), tweakAmount, "random local search: the tweak amount must be a finite number ≥ 0.");
        }

        if (iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "random local search: iterations must be at least 1.");
        }

        var sign = Sign(objective);
        var startOutput = circuit(start);
        var trial = new double[start.Length];
        var best = start.ToArray(); // if no try gives a number (all NaN), the answer is the start, never an untried point
        var bestOutput = double.NegativeInfinity; // compared as sign · output, so "best" means best for the objective
        for (var k = 0; k < iterations; k++)
        {
            for (var i = 0; i < trial.Length; i++)
            {
                trial[i] = start[i] + tweakAmount * (random.NextDouble() * 2.0 - 1.0);
            }

            var output = sign * circuit(trial);
            if (output > bestOutput)
            {
                bestOutput = output;
                trial.CopyTo(best, 0);
            }
        }

        return new StrategyResult(startOutput, best, sign * bestOutput, null, iterations + 1);
    }

    /// <summary>
    /// The numerical gradient of <paramref name="circuit"/> at <paramref name="at"/>: for each input i,
    /// (f(x + h·eᵢ) − f(x)) / h (<see cref="DifferenceScheme.Forward"/>, the guide's) or
    /// (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h (<see cref="DifferenceScheme.Central"/>).
    /// </summary>
    public static double[] NumericalGradient(
        CircuitFunction circuit,
        ReadOnlySpan<double> at,
        double h = 1e-4,
        DifferenceScheme scheme = DifferenceScheme.Forward)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        RequireInputs(at);
        RequireStep(h);
        return NumericalGradientCore(circuit, at, h, scheme, circuit(at), out _);
    }

    /// <summary>
    /// Strategy #2: estimate the gradient numerically and move every input by <c>stepSize · gradient</c>
    /// (up for <see cref="Objective.Maximize"/>, down for <see cref="Objective.Minimize"/>), <paramref name="steps"/> times.
    /// </summary>
    public static StrategyResult NumericalGradientStep(
        CircuitFunction circuit,
        ReadOnlySpan<double> start,
        double stepSize = 0.01,
        double h = 1e-4,
        DifferenceScheme scheme = DifferenceScheme.Forward,
        int steps = 1,
        Objective objective = Objective.Maximize)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        RequireInputs(start);
        RequireStep(h);
        RequireSteps(stepSize, steps);
        var x = start.ToArray();
        var output = circuit(x);
        var startOutput = output;
        var evaluations = 1;
        double[] gradient = [];
        for (var s = 0; s < steps; s++)
        {
            gradient = NumericalGradientCore(circuit, x, h, scheme, output, out var used);
            evaluations += used;
            Move(x, gradient, Sign(objective) * stepSize);
            output = circuit(x);
            evaluations++;
        }

        return new StrategyResult(startOutput, x, output, gradient, evaluations);
    }

    /// <summary>
    /// The analytic gradient: builds the circuit on <paramref name="at"/> with <paramref name="build"/>, runs it
    /// forward, then backward with a pull of 1 on the output; returns the output and every input's gradient.
    /// </summary>
    public static (double Output, double[] Gradient) AnalyticGradient(CircuitBuilder build, ReadOnlySpan<double> at)
    {
        ArgumentNullException.ThrowIfNull(build);
        RequireInputs(at);
        var circuit = new Circuit();
        var units = new Unit[at.Length];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = circuit.Input(at[i]);
        }

        var output = build(circuit, units)
            ?? throw new InvalidOperationException("analytic gradient: the circuit builder returned no output unit.");
        circuit.Backward(output);
        var gradient = new double[units.Length];
        for (var i = 0; i < units.Length; i++)
        {
            gradient[i] = units[i].Grad;
        }

        return (output.Value, gradient);
    }

    /// <summary>
    /// Strategy #3: backpropagate through the circuit for the exact gradient and move every input by
    /// <c>stepSize · gradient</c> (up or down per <paramref name="objective"/>), <paramref name="steps"/> times.
    /// </summary>
    public static StrategyResult AnalyticGradientStep(
        CircuitBuilder build,
        ReadOnlySpan<double> start,
        double stepSize = 0.01,
        int steps = 1,
        Objective objective = Objective.Maximize)
    {
        ArgumentNullException.ThrowIfNull(build);
        RequireInputs(start);
        RequireSteps(stepSize, steps);
        var x = start.ToArray();
        double startOutput = double.NaN;
        double[] gradient = [];
        for (var s = 0; s < steps; s++)
        {
            (var output, gradient) = AnalyticGradient(build, x);
            if (s == 0)
            {
                startOutput = output;
            }

            Move(x, gradient, Sign(objective) * stepSize);
        }

        var final = Circuit.AsFunction(build)(x);
        return new StrategyResult(startOutput, x, final, gradient, steps + 1);
    }

    private static double[] NumericalGradientCore(
        CircuitFunction circuit, ReadOnlySpan<double> at, double h, DifferenceScheme scheme, double output, out int evaluations)
    {
        var probe = at.ToArray();
        var gradient = new double[probe.Length];
        evaluations = 0;
        for (var i = 0; i < probe.Length; i++)
        {
            var saved = probe[i];
            probe[i] = saved + h;
            var plus = circuit(probe);
            evaluations++;
            switch (scheme)
            {
                case DifferenceScheme.Forward:
                    gradient[i] = (plus - output) / h;
                    break;
                case DifferenceScheme.Central:
                    probe[i] = saved - h;
                    var minus = circuit(probe);
                    evaluations++;
                    gradient[i] = (plus - minus) / (2.0 * h);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "numerical gradient: unknown difference scheme.");
            }

            probe[i] = saved;
        }

        return gradient;
    }

    private static void Move(double[] x, double[] gradient, double step)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] += step * gradient[i];
        }
    }

    private static double Sign(Objective objective) => objective switch
    {
        Objective.Maximize => 1.0,
        Objective.Minimize => -1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "unknown objective."),
    };

    private static void RequireInputs(ReadOnlySpan<double> inputs)
    {
        if (inputs.IsEmpty)
        {
            throw new ArgumentException("a circuit needs at least one input.", nameof(inputs));
        }
    }

    private static void RequireStep(double h)
    {
        if (!(h > 0.0) || !double.IsFinite(h))
        {
            throw new ArgumentOutOfRangeException(nameof(h), h, "numerical gradient: the step h must be a finite number > 0.");
        }
    }

    private static void RequireSteps(double stepSize, int steps)
    {
        if (!double.IsFinite(stepSize))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "the step size must be a finite number.");
        }

        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "steps must be at least 1.");
        }
    }
}
