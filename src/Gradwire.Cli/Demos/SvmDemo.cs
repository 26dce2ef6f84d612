using System.Text.Json.Nodes;
using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Svm.Run"/> with the guide's settings: the maths is in the samples library.</summary>
internal sealed class SvmDemo : IDemo
{
    public string Name => "svm";

    public string Summary => "the guide's SVM circuit trained by SGD on the 6-point data, and its flat twin";

    public int Order => 200;

    public void Run(DemoReport report)
    {
        var r = Svm.Run(Svm.GuideSettings);
        var s = r.Settings;
        report.Heading("SVM as a circuit: score = a*x + b*y + c, a = 1, b = -2, c = -1");
        report.Line($"SGD: {s.Iterations} iterations, step {s.StepSize}, one random point per iteration (System.Random seed {s.Seed})");
        foreach (var entry in r.Circuit.Log)
        {
            report.Line($"training accuracy at iteration {entry.Iteration,3}: {F(entry.Accuracy)}");
            report.Append("circuit.log", new JsonObject { ["iteration"] = entry.Iteration, ["accuracy"] = entry.Accuracy });
        }

        var circuit = r.Circuit;
        report.Line($"after {s.Iterations} iterations: a = {F(circuit.A)}, b = {F(circuit.B)}, c = {F(circuit.C)}, " +
                    $"training accuracy {F(circuit.FinalAccuracy)}");
        report.Set("circuit.a", circuit.A);
        report.Set("circuit.b", circuit.B);
        report.Set("circuit.c", circuit.C);
        report.Set("circuit.final_accuracy", circuit.FinalAccuracy);

        var flat = r.Flat;
        report.Heading("The same loop, flat (no Units, no gates)");
        foreach (var entry in flat.Log)
        {
            report.Append("flat.log", new JsonObject { ["iteration"] = entry.Iteration, ["accuracy"] = entry.Accuracy });
        }

        report.Line($"after {s.Iterations} iterations: a = {F(flat.A)}, b = {F(flat.B)}, c = {F(flat.C)}, training accuracy {F(flat.FinalAccuracy)}");
        report.Line(r.Identical
            ? "identical to the circuit version, bit for bit (a, b, c and every logged accuracy)"
            : "DIFFERENT from the circuit version");
        report.Set("flat.a", flat.A);
        report.Set("flat.b", flat.B);
        report.Set("flat.c", flat.C);
        report.Set("flat.final_accuracy", flat.FinalAccuracy);
        report.Set("identical", r.Identical);

        var seeds = r.Seeds;
        report.Heading("About the guide's printed log");
        report.Line("The guide prints a log that ends at accuracy 1; with its published settings that is the exception:");
        report.Line($"over seeds 0..{seeds.Count - 1}, {F(100 * seeds.Fraction0833, 1)}% of runs end at 0.833 after {s.Iterations} iterations, " +
                    $"{F(100 * seeds.Fraction1, 1)}% at 1.000 and {F(100 * seeds.FractionOther, 2)}% lower.");
        report.Line("(with step 0.01 and this regularization SGD keeps hovering around a boundary that usually misclassifies");
        report.Line(" one point; the log above is this program's own run, not a copy of the guide's.)");
        report.Set("note", "The guide's printed log (ending at accuracy 1) is not reproducible with its published settings; " +
                           "seeds.fraction_0833 is the measured fraction of seeds that end at 0.833 after 400 iterations.");
        report.Set("seeds.count", seeds.Count);
        report.Set("seeds.fraction_0833", seeds.Fraction0833);
        report.Set("seeds.fraction_1", seeds.Fraction1);
        report.Set("seeds.fraction_other", seeds.FractionOther);
    }

    private static string F(double value, int decimals = 3) => DemoReport.F(value, decimals);
}
