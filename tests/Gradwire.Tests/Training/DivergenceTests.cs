using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Tests.Training;

/// <summary>A run whose loss turns NaN or infinite stops at that batch and says where, under either policy.</summary>
public sealed class DivergenceTests
{
    // A learning rate of 1e6 on plain SGD overflows the linear regression's weights within a few steps.
    private static Trainer Exploding(DivergencePolicy policy)
    {
        var data = Dataset.Regression("line", [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], [1], [2f, 4f, 6f, 8f, 10f, 12f, 14f, 16f], [1]);
        var model = new Sequential(new Linear(1, 1, new Generator(3)));
        return new Trainer(model, new MseLoss(), new Sgd(model.Parameters(), 1e6), new DataLoader(data, 2, shuffle: false))
        {
            OnDivergence = policy,
        };
    }

    [Fact]
    public void A_non_finite_loss_throws_naming_epoch_step_and_learning_rate_by_default()
    {
        var trainer = Exploding(DivergencePolicy.Throw);
        var steps = new List<StepMetrics>();
        trainer.StepCompleted += steps.Add;
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(50));
        Assert.False(double.IsFinite(e.Divergence.Loss));
        Assert.Equal(1e6, e.LearningRate);
        Assert.Equal(steps.Count + 1, e.Step);
        Assert.Equal(trainer.Step + 1, e.Step);
        Assert.All(steps, s => Assert.True(double.IsFinite(s.Loss)));
        Assert.Contains($"epoch {e.Epoch + 1}", e.Message);
        Assert.Contains($"step {e.Step}", e.Message);
        Assert.Contains("learning rate 1E+06", e.Message);
        Assert.Contains("lower learning rate", e.Message);
        Assert.Contains("clipping", e.Message);
        Assert.Same(e.Divergence, trainer.Divergence);

        // The step of the diverged batch was not taken: the weights are finite, those of the last finite step.
        Assert.All(trainer.Model.Parameters(), p => Assert.All(p.Value.ToDoubleArray(), v => Assert.True(double.IsFinite(v))));

        // A diverged trainer does not silently train on.
        Assert.Throws<TrainingDivergedException>(() => trainer.Fit(50));
    }

    [Fact]
    public void The_stop_policy_reports_the_divergence_once_and_returns()
    {
        var trainer = Exploding(DivergencePolicy.Stop);
        var reported = new List<TrainingDivergence>();
        trainer.Diverged += reported.Add;
        var history = trainer.Fit(50);
        var d = Assert.Single(reported);
        Assert.Same(d, trainer.Divergence);
        Assert.True(trainer.Epoch < 50);
        Assert.Equal(d.Epoch, trainer.Epoch);
        Assert.Equal(history.Count, d.Epoch);
        Assert.Equal(trainer.Step + 1, d.Step);
        trainer.Fit(50);
        Assert.Single(reported);
    }

    [Fact]
    public void A_finite_run_never_reports_divergence()
    {
        var data = Spiral.Create(pointsPerClass: 10, seed: 1);
        var model = Mlp.Create([2, 8, 3], Activation.Relu, new Generator(1));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.01), new DataLoader(data, 10, seed: 1));
        trainer.Fit(3);
        Assert.Null(trainer.Divergence);
        Assert.Equal(3, trainer.Epoch);
    }
}
