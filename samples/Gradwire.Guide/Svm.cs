using Gradwire.Circuits;

namespace Gradwire.Guide;

/// <summary>
/// Chapter 2: the guide's binary SVM as a circuit of Units and gates (score = a·x + b·y + c), trained with the
/// "force specification" (pull ±1 when the margin is violated, −a and −b from regularization) by SGD on the
/// 6-point data (<see cref="GuidePoints"/>); then the guide's "flat" version of the same loop, which must give
/// identical numbers; then how often, over many seeds, the guide's settings end at accuracy 5/6 or 1.
/// </summary>
public static class Svm
{
    /// <summary>The guide's settings: seed 1, 400 iterations, step 0.01, a log every 25 iterations, 10,000 seeds swept.</summary>
    public static SvmSettings GuideSettings { get; } = new(1, 400, 25, 0.01, 10_000);

    /// <summary>Trains both versions and sweeps the seeds.</summary>
    public static SvmResult Run(SvmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var circuit = TrainCircuit(settings, new Random(settings.Seed));
        var flat = TrainFlat(settings, new Random(settings.Seed), keepLog: true);
        var identical = flat.A == circuit.A && flat.B == circuit.B && flat.C == circuit.C
                        && flat.FinalAccuracy == circuit.FinalAccuracy && flat.Log.SequenceEqual(circuit.Log);

        int at0833 = 0, at1 = 0;
        for (var seed = 0; seed < settings.SeedSweep; seed++)
        {
            var accuracy = TrainFlat(settings, new Random(seed), keepLog: false).FinalAccuracy;
            if (Math.Abs(accuracy - 5.0 / 6.0) < 1e-12)
            {
                at0833++;
            }
            else if (accuracy == 1.0)
            {
                at1++;
            }
        }

        var sweep = new SvmSeedSweep(
            settings.SeedSweep,
            (double)at0833 / settings.SeedSweep,
            (double)at1 / settings.SeedSweep,
            (double)(settings.SeedSweep - at0833 - at1) / settings.SeedSweep);
        return new SvmResult(settings, circuit, flat, identical, sweep);
    }

    /// <summary>The SVM circuit trained by SGD from a = 1, b = −2, c = −1, one random point per iteration.</summary>
    public static SvmRun TrainCircuit(SvmSettings settings, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var svm = new SvmCircuit();
        var log = new List<SvmLogEntry>();
        for (var iter = 0; iter < settings.Iterations; iter++)
        {
            var p = GuidePoints.Points[GuidePoints.PickIndex(random)];
            svm.LearnFrom(p.X, p.Y, p.Label, settings.StepSize);
            if (iter % settings.LogEvery == 0)
            {
                log.Add(new SvmLogEntry(iter, GuidePoints.Accuracy(svm.Score)));
            }
        }

        return new SvmRun(svm.A.Value, svm.B.Value, svm.C.Value, GuidePoints.Accuracy(svm.Score), log);
    }

    /// <summary>The guide's flat loop: the same arithmetic with plain doubles, in the same order.</summary>
    public static SvmRun TrainFlat(SvmSettings settings, Random random, bool keepLog)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        double a = 1, b = -2, c = -1;
        var step = settings.StepSize;
        var log = new List<SvmLogEntry>();
        for (var iter = 0; iter < settings.Iterations; iter++)
        {
            var p = GuidePoints.Points[GuidePoints.PickIndex(random)];
            var score = a * p.X + b * p.Y + c;
            var pull = 0.0;
            if (p.Label == 1 && score < 1)
            {
                pull = 1;
            }

            if (p.Label == -1 && score > -1)
            {
                pull = -1;
            }

            a += step * (p.X * pull - a); // -a is from the regularization
            b += step * (p.Y * pull - b); // -b is from the regularization
            c += step * (1 * pull);
            if (keepLog && iter % settings.LogEvery == 0)
            {
                log.Add(new SvmLogEntry(iter, Accuracy(a, b, c)));
            }
        }

        return new SvmRun(a, b, c, Accuracy(a, b, c), log);
    }

    private static double Accuracy(double a, double b, double c) => GuidePoints.Accuracy((x, y) => a * x + b * y + c);

    /// <summary>The guide's <c>SVM</c> class over its <c>Circuit</c>: a, b, c are Units, the circuit is built once.</summary>
    private sealed class SvmCircuit
    {
        private readonly Circuit _circuit = new();
        private readonly Unit _x = new(0, 0, "x");
        private readonly Unit _y = new(0, 0, "y");
        private readonly Unit _out;

        public SvmCircuit()
        {
            // ax + by + c through two multiply gates and two add gates, as the guide wires it.
            var ax = _circuit.Multiply(A, _x);
            var by = _circuit.Multiply(B, _y);
            var axpby = _circuit.Add(ax, by);
            _out = _circuit.Add(axpby, C);
        }

        public Unit A { get; } = new(1.0, 0.0, "a");

        public Unit B { get; } = new(-2.0, 0.0, "b");

        public Unit C { get; } = new(-1.0, 0.0, "c");

        public double Score(double x, double y)
        {
            _x.Value = x;
            _y.Value = y;
            _circuit.Forward();
            return _out.Value;
        }

        public void LearnFrom(double x, double y, int label, double stepSize)
        {
            var score = Score(x, y);

            // Reset the pulls on a, b, c, then compute the pull from the circuit's output.
            A.Grad = 0.0;
            B.Grad = 0.0;
            C.Grad = 0.0;
            var pull = 0.0;
            if (label == 1 && score < 1)
            {
                pull = 1; // the score was too low: pull up
            }

            if (label == -1 && score > -1)
            {
                pull = -1; // the score was too high for a negative example: pull down
            }

            _circuit.Backward(_out, pull);

            // Regularization: pull a and b (not the bias c) towards zero, proportionally to their value.
            A.Grad += -A.Value;
            B.Grad += -B.Value;

            A.Value += stepSize * A.Grad;
            B.Value += stepSize * B.Grad;
            C.Value += stepSize * C.Grad;
        }
    }
}

/// <summary>The knobs of <see cref="Svm.Run"/>.</summary>
/// <param name="Seed">System.Random seed of the training run.</param>
/// <param name="Iterations">SGD iterations (one random point each).</param>
/// <param name="LogEvery">Record the training accuracy every this many iterations.</param>
/// <param name="StepSize">The SGD step.</param>
/// <param name="SeedSweep">How many seeds (0 ..) the sweep trains.</param>
public sealed record SvmSettings(int Seed, int Iterations, int LogEvery, double StepSize, int SeedSweep);

/// <summary>One logged training accuracy.</summary>
/// <param name="Iteration">The iteration, from 0.</param>
/// <param name="Accuracy">The fraction of the 6 points classified right after it.</param>
public readonly record struct SvmLogEntry(int Iteration, double Accuracy);

/// <summary>One trained SVM: score = A·x + B·y + C.</summary>
/// <param name="A">The weight of x.</param>
/// <param name="B">The weight of y.</param>
/// <param name="C">The bias.</param>
/// <param name="FinalAccuracy">The training accuracy at the end.</param>
/// <param name="Log">The accuracies logged along the way (empty when not kept).</param>
public sealed record SvmRun(double A, double B, double C, double FinalAccuracy, IReadOnlyList<SvmLogEntry> Log);

/// <summary>How the guide's settings end over many seeds.</summary>
/// <param name="Count">Seeds trained.</param>
/// <param name="Fraction0833">The fraction that ends at accuracy 5/6.</param>
/// <param name="Fraction1">The fraction that ends at accuracy 1.</param>
/// <param name="FractionOther">The rest (lower).</param>
public sealed record SvmSeedSweep(int Count, double Fraction0833, double Fraction1, double FractionOther);

/// <summary>What <see cref="Svm.Run"/> computed.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="Circuit">The circuit version.</param>
/// <param name="Flat">The flat version.</param>
/// <param name="Identical">True when both agree bit for bit (a, b, c, final and every logged accuracy).</param>
/// <param name="Seeds">The seed sweep.</param>
public sealed record SvmResult(SvmSettings Settings, SvmRun Circuit, SvmRun Flat, bool Identical, SvmSeedSweep Seeds);
