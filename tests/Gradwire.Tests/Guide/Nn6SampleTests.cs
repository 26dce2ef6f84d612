using Gradwire.Guide;
using Gradwire.Scalars;

namespace Gradwire.Tests.Guide;

/// <summary>The nn6 samples moved out of the tool, called directly: every number comes back in a record.</summary>
public sealed class Nn6SampleTests
{
    [Fact]
    public void Solve_mat_xy_start_gradient_is_two_a_transpose_residual_and_descent_reaches_one_one()
    {
        var r = SolveMatXy.Run();
        // At v = 0 the residual is −b = (−3, −2), so 2·Aᵀ(−b) = (−16, −10).
        Assert.Equal([-16.0, -10.0], r.StartGradient);
        Assert.Equal(r.StartGradient, r.StartFormula);
        Assert.True(r.Agree);
        Assert.Equal(1, r.Descent.Solution[0], 1e-6);
        Assert.Equal(1, r.Descent.Solution[1], 1e-6);
        Assert.Equal(13.0, r.Descent.Run.Log[0].F); // 3² + 2²
    }

    [Fact]
    public void Solve_mat_xy_residual_is_zero_at_the_solution()
    {
        Assert.Equal(0, SolveMatXy.Residual([new Value(1), new Value(1)]).Data);
        Assert.Equal(13, SolveMatXy.Residual([new Value(0), new Value(0)]).Data);
    }

    [Fact]
    public void Perceptron_reaches_the_least_squares_weights_and_answers_and_right()
    {
        var r = Perceptron.Run();
        Assert.Equal(0.5, r.W1, 1e-3);
        Assert.Equal(0.5, r.W2, 1e-3);
        Assert.Equal(-0.25, r.B, 1e-3);
        Assert.Equal(0.25, r.Run.Final, 1e-4);
        Assert.Equal([0, 0, 0, 1], r.Answers);
        Assert.Equal(4, r.Correct);
        Assert.Equal(r.W1 + r.W2 + r.B, r.Outputs[3], 1e-15);
    }

    [Fact]
    public void Neuron_learn_is_seeded_and_learns_and()
    {
        var r = NeuronLearn.Run(NeuronLearn.GuideSettings);
        var random = new Random(1);
        Assert.Equal(random.NextDouble() - 0.5, r.Initial[0]);
        Assert.Equal(4, r.Correct);
        Assert.Equal([0, 0, 0, 1], r.Answers);
        Assert.Equal(1, r.Log[0].Epoch);
        Assert.Equal(r.Weights, r.Log[^1].Weights);
        Assert.True(r.Log[^1].Loss < r.Log[0].Loss);

        var again = NeuronLearn.Run(NeuronLearn.GuideSettings);
        Assert.Equal(r.Weights, again.Weights);
    }

    [Fact]
    public void Solve_learn_xy_learns_the_solution_as_weights()
    {
        var r = SolveLearnXy.Run();
        Assert.Equal(1, r.X, 1e-5);
        Assert.Equal(1, r.Y, 1e-5);
        Assert.Equal(1, r.Log[0].Epoch);
        Assert.Equal(30, r.Log[1].Epoch);
        Assert.Equal(11, r.Log.Count);
        Assert.True(r.Log[^1].Loss < 1e-10);
    }

    [Fact]
    public void Mlp_xor_with_the_guide_seed_answers_all_four_points()
    {
        var r = MlpXor.Run(MlpXor.GuideSettings);
        Assert.Equal(4, r.Right);
        Assert.Equal([0, 1, 1, 0], r.Answers.Select(a => a.Target));
        Assert.Equal([0, 1, 1, 0], r.Answers.Select(a => a.Bit));
        Assert.Equal(9, r.Log.Count); // steps 0, 250, …, 2000
        Assert.True(r.FinalLoss < r.Log[0].Loss);
    }

    [Fact]
    public void Mlp_7seg_reads_every_digit_and_its_code()
    {
        var r = Mlp7Seg.Run();
        Assert.Equal(1.0, r.DigitAccuracy);
        Assert.Equal(40, r.BitsRight);
        Assert.Equal(Enumerable.Range(0, 10), r.Digits.Select(d => d.Predicted));
        Assert.Equal("1000", r.Digits[8].Expected);
        Assert.Equal("abcdefg", r.Digits[8].Segments);
        Assert.All(r.Digits, d => Assert.Equal(d.Expected, d.Code));
    }
}
