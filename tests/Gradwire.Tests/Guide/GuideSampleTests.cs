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
}
