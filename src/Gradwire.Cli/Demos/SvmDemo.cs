using System.Text.Json.Nodes;
using Gradwire.Circuits;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 2: the guide's binary SVM as a circuit of Units and gates (score = a·x + b·y + c), trained with the
/// "force specification" (pull ±1 when the margin is violated, −a and −b from regularization) by SGD on the
/// 6-point dataset; then the guide's "flat" version of the same loop, which must give identical numbers.
/// </summary>
internal sealed class SvmDemo : IDemo
{
    private const int Seed = 1;
    private const int Iterations = 400;
    private const int LogEvery = 25;
    private const double StepSize = 0.01;
    private const int SeedSweep = 10_000;

    public string Name => "svm";

    public string Summary => "the guide's SVM circuit trained by SGD on the 6-point data, and its flat twin";

    public int Order => 200;

    public void Run(DemoReport report)
    {
        report.Heading("SVM as a circuit: score = a*x + b*y + c, a = 1, b = -2, c = -1");
        report.Line($"SGD: {Iterations} iterations, step {StepSize}, one random point per iteration (System.Random seed {Seed})");
        var svm = new SvmCircuit();
        var random = new Random(Seed);
        var circuitLog = new List<(int Iteration, double Accuracy)>();
        for (var iter = 0; iter < Iterations; iter++)
        {
            var i = GuideData.PickIndex(random);
            svm.LearnFrom(GuideData.Points[i][0], GuideData.Points[i][1], GuideData.Labels[i], StepSize);
            if (iter % LogEvery == 0)
            {
                var accuracy = GuideData.Accuracy(svm.Score);
                circuitLog.Add((iter, accuracy));
                report.Line($"training accuracy at iteration {iter,3}: {F(accuracy)}");
                report.Append("circuit.log", new JsonObject { ["iteration"] = iter, ["accuracy"] = accuracy });
            }
        }

        var circuitFinal = GuideData.Accuracy(svm.Score);
        report.Line($"after {Iterations} iterations: a = {F(svm.A.Value)}, b = {F(svm.B.Value)}, c = {F(svm.C.Value)}, " +
                    $"training accuracy {F(circuitFinal)}");
        report.Set("circuit.a", svm.A.Value);
        report.Set("circuit.b", svm.B.Value);
        report.Set("circuit.c", svm.C.Value);
        report.Set("circuit.final_accuracy", circuitFinal);

        report.Heading("The same loop, flat (no Units, no gates)");
        var (flatA, flatB, flatC, flatLog) = TrainFlat(new Random(Seed), keepLog: true);
        var flatFinal = Accuracy(flatA, flatB, flatC);
        var identical = flatA == svm.A.Value && flatB == svm.B.Value && flatC == svm.C.Value && flatFinal == circuitFinal
                        && flatLog.SequenceEqual(circuitLog);
        foreach (var (iteration, accuracy) in flatLog)
        {
            report.Append("flat.log", new JsonObject { ["iteration"] = iteration, ["accuracy"] = accuracy });
        }

        report.Line($"after {Iterations} iterations: a = {F(flatA)}, b = {F(flatB)}, c = {F(flatC)}, training accuracy {F(flatFinal)}");
        report.Line(identical
            ? "identical to the circuit version, bit for bit (a, b, c and every logged accuracy)"
            : "DIFFERENT from the circuit version");
        report.Set("flat.a", flatA);
        report.Set("flat.b", flatB);
        report.Set("flat.c", flatC);
        report.Set("flat.final_accuracy", flatFinal);
        report.Set("identical", identical);

        report.Heading("About the guide's printed log");
        var at0833 = 0;
        var at1 = 0;
        for (var seed = 0; seed < SeedSweep; seed++)
        {
            var (a, b, c, _) = TrainFlat(new Random(seed), keepLog: false);
            var accuracy = Accuracy(a, b, c);
            if (Math.Abs(accuracy - 5.0 / 6.0) < 1e-12)
            {
                at0833++;
            }
            else if (accuracy == 1.0)
            {
                at1++;
            }
        }

        var fraction0833 = (double)at0833 / SeedSweep;
        var fraction1 = (double)at1 / SeedSweep;
        report.Line("The guide prints a log that ends at accuracy 1; with its published settings that is the exception:");
        var fractionOther = (double)(SeedSweep - at0833 - at1) / SeedSweep;
        report.Line($"over seeds 0..{SeedSweep - 1}, {F(100 * fraction0833, 1)}% of runs end at 0.833 after {Iterations} iterations, " +
                    $"{F(100 * fraction1, 1)}% at 1.000 and {F(100 * fractionOther, 2)}% lower.");
        report.Line("(with step 0.01 and this regularization SGD keeps hovering around a boundary that usually misclassifies");
        report.Line(" one point; the log above is this program's own run, not a copy of the guide's.)");
        report.Set("note", "The guide's printed log (ending at accuracy 1) is not reproducible with its published settings; " +
                           "seeds.fraction_0833 is the measured fraction of seeds that end at 0.833 after 400 iterations.");
        report.Set("seeds.count", SeedSweep);
        report.Set("seeds.fraction_0833", fraction0833);
        report.Set("seeds.fraction_1", fraction1);
        report.Set("seeds.fraction_other", fractionOther);
    }

    /// <summary>The guide's flat loop: the same arithmetic with plain doubles, in the same order.</summary>
    private static (double A, double B, double C, List<(int, double)> Log) TrainFlat(Random random, bool keepLog)
    {
        double a = 1, b = -2, c = -1;
        var log = new List<(int, double)>();
        for (var iter = 0; iter < Iterations; iter++)
        {
            var i = GuideData.PickIndex(random);
            var x = GuideData.Points[i][0];
            var y = GuideData.Points[i][1];
            var label = GuideData.Labels[i];

            var score = a * x + b * y + c;
            var pull = 0.0;
            if (label == 1 && score < 1)
            {
                pull = 1;
            }

            if (label == -1 && score > -1)
            {
                pull = -1;
            }

            a += StepSize * (x * pull - a); // -a is from the regularization
            b += StepSize * (y * pull - b); // -b is from the regularization
            c += StepSize * (1 * pull);
            if (keepLog && iter % LogEvery == 0)
            {
                log.Add((iter, Accuracy(a, b, c)));
            }
        }

        return (a, b, c, log);
    }

    private static double Accuracy(double a, double b, double c) => GuideData.Accuracy((x, y) => a * x + b * y + c);

    private static string F(double value, int decimals = 3) => DemoReport.F(value, decimals);

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
