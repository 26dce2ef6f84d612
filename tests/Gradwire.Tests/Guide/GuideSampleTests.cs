using Gradwire.Data.Synthetic;
using Gradwire.Guide;

namespace Gradwire.Tests.Guide;

/// <summary>The samples library called directly, as a user of the guide would: results are records, nothing prints.</summary>
public sealed class GuideSampleTests
{
    [Fact]
    public void Single_gate_analytic_gradient_is_y_and_x_and_every_strategy_improves_the_output()
    {
        var r = SingleGate.Run(SingleGate.GuideSettings);
        Assert.Equal(-6, r.Output);
        Assert.Equal([3.0, -2.0], r.Analytic.Gradient!);
        Assert.Equal(3.0, r.Numerical.Gradient![0], 1e-9);
        Assert.Equal(-2.0, r.Numerical.Gradient![1], 1e-9);
        Assert.True(r.Analytic.Output > r.Output);
        Assert.True(r.Numerical.Output > r.Output);
        // Strategy 3 needs no extra forward passes to know the gradient; strategy 2 needs one per input.
        Assert.True(r.Numerical.Evaluations > r.Analytic.Evaluations);
    }

    [Fact]
    public void Single_gate_step_moves_along_the_gradient_by_the_step_size()
    {
        var settings = SingleGate.GuideSettings with { StepSize = 0.1 };
        var r = SingleGate.Run(settings);
        Assert.Equal(-2 + 0.1 * 3, r.Analytic.Inputs[0], 1e-12);
        Assert.Equal(3 + 0.1 * -2, r.Analytic.Inputs[1], 1e-12);
    }

    [Fact]
    public void Svm_circuit_and_flat_loop_agree_bit_for_bit_for_several_seeds()
    {
        var settings = Svm.GuideSettings with { SeedSweep = 20 };
        for (var seed = 0; seed < 5; seed++)
        {
            var circuit = Svm.TrainCircuit(settings, new Random(seed));
            var flat = Svm.TrainFlat(settings, new Random(seed), keepLog: true);
            Assert.Equal(circuit.A, flat.A);
            Assert.Equal(circuit.B, flat.B);
            Assert.Equal(circuit.C, flat.C);
            Assert.Equal(circuit.Log, flat.Log);
            Assert.Equal(settings.Iterations / settings.LogEvery, circuit.Log.Count);
        }

        var r = Svm.Run(settings);
        Assert.True(r.Identical);
        Assert.Equal(1.0, r.Seeds.Fraction0833 + r.Seeds.Fraction1 + r.Seeds.FractionOther, 1e-12);
    }

    [Fact]
    public void Guide_points_are_the_librarys_dataset_in_double_precision()
    {
        var dataset = GuideData.SvmCode();
        Assert.Equal(dataset.Count, GuidePoints.Points.Count);
        for (var i = 0; i < dataset.Count; i++)
        {
            var p = GuidePoints.Points[i];
            Assert.Equal((float)p.X, dataset.GetFeatures(i)[0]);
            Assert.Equal((float)p.Y, dataset.GetFeatures(i)[1]);
            Assert.Equal(GuideData.SignedLabel(dataset, i), p.Label);
        }

        Assert.Equal(1.2, GuidePoints.Points[0].X); // exactly the guide's number, not 1.2f widened
        // score = y classifies by the sign of the second feature: 4 of the 6 points.
        Assert.Equal(4.0 / 6.0, GuidePoints.Accuracy((_, y) => y), 1e-15);
    }

    [Fact]
    public void And_table_reads_the_librarys_and_dataset()
    {
        Assert.Equal(4, AndTable.Inputs.Count);
        Assert.Equal([0.0, 0.0, 0.0, 1.0], AndTable.Targets);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(AndTable.Inputs[i][0] == 1 && AndTable.Inputs[i][1] == 1 ? 1.0 : 0.0, AndTable.Targets[i]);
        }
    }

    [Fact]
    public void Nn6_descents_reach_the_known_minima_and_log_every_interval()
    {
        var add = Nn6Descent.OptimizeAdd();
        Assert.Equal(0, add.Solution[0], 1e-8);
        Assert.Equal(0, add.Solution[1], 1e-8);
        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], add.Run.Log.Select(e => e.Step));
        Assert.Equal(["x", "y"], add.Run.Labels);
        Assert.Equal(5.0, add.Run.Log[0].F); // 1² + 2² before any step

        var sum = Nn6Descent.OptimizeSum();
        Assert.Equal(-1, sum.Solution[0] - sum.Solution[1], 1e-12); // x − y never changes
        Assert.Equal(2, sum.Run.Final, 1e-10);

        var solve = Nn6Descent.SolveXy();
        Assert.Equal(1, solve.Solution[0], 1e-6);
        Assert.Equal(1, solve.Solution[1], 1e-6);
    }

    [Fact]
    public void Gradient_descent_logs_f_decreasing_on_a_convex_bowl()
    {
        var p = new Gradwire.Scalars.Value(3, "p");
        var run = GradientDescent.Minimize([p], () => p * p, 0.25, steps: 4, logEvery: 1);
        // p ← p − 0.25·2p = p/2 each step.
        Assert.Equal([3, 1.5, 0.75, 0.375, 0.1875], run.Log.Select(e => e.Parameters[0]));
        Assert.Equal(0.1875 * 0.1875, run.Final, 1e-15);
    }
}
