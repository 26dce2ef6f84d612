using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Tests.NN;
using Gradwire.Training;

namespace Gradwire.Tests.Training;

/// <summary>The training loop: a loss trajectory against PyTorch, exact resume, early stopping, evaluation, search.</summary>
public sealed class TrainerTests
{
    /// <summary>
    /// A 2-3-2 tanh net with fixed weights on 6 points, cross-entropy, SGD momentum 0.9 lr 0.1, full batch: the
    /// first six losses and the first layer's weights after them, from PyTorch 1.13 in float32
    /// (<c>tests/Gradwire.Tests/NN/goldens/optim_goldens.json</c>, written by <c>make_goldens.py</c>).
    /// </summary>
    [Fact]
    public void The_loss_trajectory_of_a_seeded_run_matches_pytorch()
    {
        var model = Mlp.Create([2, 3, 2], Activation.Tanh, new Generator(0));
        model.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["0.weight"] = Tensor.FromArray([0.5f, -0.3f, 0.8f, 0.2f, -0.4f, 0.6f], new Shape(3, 2)),
            ["0.bias"] = Tensor.FromArray([0.1f, -0.1f, 0.05f]),
            ["2.weight"] = Tensor.FromArray([0.3f, -0.7f, 0.5f, -0.2f, 0.4f, 0.9f], new Shape(2, 3)),
            ["2.bias"] = Tensor.FromArray([0f, 0.2f]),
        });
        var data = Dataset.Classification("six", [1.2f, 0.7f, -0.3f, -0.5f, 3.0f, 0.1f, -0.1f, -1.0f, -1.0f, 1.1f, 2.1f, -3.0f], [2], [0, 1, 0, 1, 1, 0], 2);
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.1, momentum: 0.9), new DataLoader(data, 6, shuffle: false));
        var losses = new List<double>();
        trainer.StepCompleted += s => losses.Add(s.Loss);
        trainer.Fit(6);

        var expected = OptimGoldenFile.Numbers("trajectory", "losses");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], losses[i], 5);
        }

        var weights = OptimGoldenFile.Numbers("trajectory", "final_0_weight");
        var actual = model.Parameters()[0].Value.ToDoubleArray();
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.Equal(weights[i], actual[i], 5);
        }
    }

    private static Trainer NewRun(Dataset data, string optimizer, int seed = 3)
    {
        var model = Mlp.Create([2, 16, 3], Activation.Relu, new Generator((ulong)seed), dropout: 0.1);
        Optimizer o = optimizer == "adam" ? new Adam(model.Parameters(), 0.01) : new Sgd(model.Parameters(), 0.1, momentum: 0.9, nesterov: true);
        return new Trainer(model, new CrossEntropyLoss(), o, new DataLoader(data, 32, shuffle: true, seed: 5))
        {
            Schedule = new WarmupSchedule(new CosineSchedule(0.05, 100), 5),
            L2 = 1e-4,
        };
    }

    [Theory]
    [InlineData("adam", 13)] // mid-epoch: batch 3 of epoch 1
    [InlineData("sgd", 10)] // at an epoch boundary
    public void Resuming_from_a_checkpoint_equals_the_uninterrupted_run_bit_for_bit(string optimizer, int stopAfterSteps)
    {
        var data = Spiral.Create(pointsPerClass: 50, seed: 1);
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-resume-{Guid.NewGuid():N}.safetensors");
        try
        {
            var whole = NewRun(data, optimizer);
            whole.Fit(4);

            var first = NewRun(data, optimizer);
            first.StepCompleted += s =>
            {
                if (s.Step == stopAfterSteps)
                {
                    first.RequestStop();
                }
            };
            first.Fit(4);
            Assert.True(first.Step == stopAfterSteps);
            first.SaveCheckpoint(path);

            // A fresh process would build a fresh model with other weights; the checkpoint must override them all.
            var resumed = NewRun(data, optimizer, seed: 99);
            resumed.LoadCheckpoint(path);
            Assert.Equal(first.Epoch, resumed.Epoch);
            Assert.Equal(first.BatchInEpoch, resumed.BatchInEpoch);
            resumed.Fit(4);

            Assert.Equal(whole.Step, resumed.Step);
            foreach (var (name, value) in whole.Model.StateDict())
            {
                Assert.Equal(value.ToFloatArray(), resumed.Model.StateDict()[name].ToFloatArray());
            }

            Assert.Equal(whole.History.Select(h => h.TrainLoss), resumed.History.Select(h => h.TrainLoss));
            Assert.Equal(whole.History.Select(h => h.TrainAccuracy), resumed.History.Select(h => h.TrainAccuracy));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Malformed_or_mismatched_checkpoints_give_clear_errors()
    {
        var data = Spiral.Create(pointsPerClass: 10, seed: 1);
        var dir = Path.Combine(Path.GetTempPath(), $"gradwire-ckpt-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var trainer = NewRun(data, "adam");
            trainer.Fit(1);
            var good = Path.Combine(dir, "good.safetensors");
            trainer.SaveCheckpoint(good);

            var garbage = Path.Combine(dir, "garbage.safetensors");
            File.WriteAllBytes(garbage, [1, 2, 3]);
            var e = Assert.Throws<InvalidDataException>(() => NewRun(data, "adam").LoadCheckpoint(garbage));
            Assert.Contains("garbage.safetensors", e.Message);

            var truncated = Path.Combine(dir, "truncated.safetensors");
            var bytes = File.ReadAllBytes(good);
            File.WriteAllBytes(truncated, bytes[..(bytes.Length - 40)]);
            Assert.Contains("truncated.safetensors", Assert.Throws<InvalidDataException>(() => NewRun(data, "adam").LoadCheckpoint(truncated)).Message);

            var weights = Path.Combine(dir, "weights.safetensors");
            Checkpoint.SaveWeights(weights, trainer.Model);
            Assert.Contains("not a Gradwire training checkpoint", Assert.Throws<InvalidDataException>(() => NewRun(data, "adam").LoadCheckpoint(weights)).Message);

            Assert.Contains("'adam'", Assert.Throws<InvalidDataException>(() => NewRun(data, "sgd").LoadCheckpoint(good)).Message);

            var wider = new Trainer(Mlp.Create([2, 8, 3], Activation.Relu, new Generator(1), dropout: 0.1), new CrossEntropyLoss(),
                new Adam(Mlp.Create([2, 8, 3], Activation.Relu, new Generator(1)).Parameters()), new DataLoader(data, 32, seed: 5));
            var shape = Assert.Throws<InvalidDataException>(() => wider.LoadCheckpoint(good));
            Assert.Contains("model.0.weight", shape.Message);

            Assert.Throws<FileNotFoundException>(() => NewRun(data, "adam").LoadCheckpoint(Path.Combine(dir, "missing.safetensors")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_checkpoint_written_with_another_loss_is_refused_naming_both()
    {
        var data = Spiral.Create(pointsPerClass: 10, seed: 1);
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-loss-{Guid.NewGuid():N}.safetensors");
        try
        {
            var trainer = NewRun(data, "adam");
            trainer.Fit(1);
            trainer.SaveCheckpoint(path);

            var other = NewRun(data, "adam");
            var svm = new Trainer(other.Model, new MulticlassSvmLoss(), other.Optimizer, new DataLoader(data, 32, shuffle: true, seed: 5));
            var e = Assert.Throws<InvalidDataException>(() => svm.LoadCheckpoint(path));
            Assert.Contains("'cross-entropy'", e.Message, StringComparison.Ordinal);
            Assert.Contains("'multiclass-svm'", e.Message, StringComparison.Ordinal);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("[null]")]
    [InlineData("[[\"1\",\"2\"]]")]
    [InlineData("[[\"1\",null,\"0\",\"0\",\"0\",\"0\",\"0\",\"0\"]]")]
    public void A_checkpoint_with_malformed_history_rows_is_invalid_data_naming_the_file(string history)
    {
        var data = Spiral.Create(pointsPerClass: 10, seed: 1);
        var dir = Path.Combine(Path.GetTempPath(), $"gradwire-history-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var trainer = NewRun(data, "adam");
            trainer.Fit(1);
            var good = Path.Combine(dir, "good.safetensors");
            trainer.SaveCheckpoint(good);

            var content = Gradwire.IO.SafetensorsFile.Read(good);
            var metadata = content.Metadata.ToDictionary(m => m.Key, m => m.Value);
            metadata["history"] = history;
            var crafted = Path.Combine(dir, "crafted.safetensors");
            Gradwire.IO.SafetensorsFile.Write(crafted, content.Tensors, metadata);

            var e = Assert.Throws<InvalidDataException>(() => NewRun(data, "adam").LoadCheckpoint(crafted));
            Assert.Contains("crafted.safetensors", e.Message, StringComparison.Ordinal);
            Assert.Contains("history", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Class_weighted_cross_entropy_over_many_batches_is_the_weighted_mean_of_the_whole_set()
    {
        // Σ w·ℓ / Σ w over the set, whatever the batching (batch means weighted by Σ w[label], not by batch size).
        var data = Dataset.Classification("unbalanced", [1.2f, 0.7f, -0.3f, -0.5f, 3.0f, 0.1f, -0.1f, -1.0f, -1.0f, 1.1f, 2.1f, -3.0f], [2], [0, 0, 0, 1, 0, 1], 2);
        var model = Mlp.Create([2, 4, 2], Activation.Tanh, new Generator(2));
        var loss = new CrossEntropyLoss(Tensor.FromArray([1f, 5f]));
        var whole = Evaluation.Run(model, loss, data, batchSize: 6).Loss;
        Assert.Equal(whole, Evaluation.Run(model, loss, data, batchSize: 2).Loss, 6);

        // The training loop's epoch loss too (lr 0: the model does not move during the epoch).
        var trainer = new Trainer(model, loss, new Sgd(model.Parameters(), 0), new DataLoader(data, 2, shuffle: false));
        trainer.Fit(1);
        Assert.Equal(whole, trainer.History[0].TrainLoss, 6);
    }

    [Fact]
    public void Weights_round_trip_through_a_plain_safetensors_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gradwire-weights-{Guid.NewGuid():N}.safetensors");
        try
        {
            var model = Mlp.Create([4, 3, 2], Activation.Relu, new Generator(1));
            Checkpoint.SaveWeights(path, model);
            var other = Mlp.Create([4, 3, 2], Activation.Relu, new Generator(2));
            Checkpoint.LoadWeights(path, other);
            Assert.Equal(model.Parameters()[0].Value.ToFloatArray(), other.Parameters()[0].Value.ToFloatArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Early_stopping_stops_when_validation_loss_stalls_and_restores_the_best_weights()
    {
        var data = Spiral.Create(pointsPerClass: 30, seed: 2);
        var (train, validation) = DataSplits.TrainValidation(data, 0.3, 1, stratified: true);

        // A learning rate so large that validation loss gets worse after the first epochs.
        var model = Mlp.Create([2, 32, 3], Activation.Relu, new Generator(1));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 3.0, momentum: 0.9), new DataLoader(train, 8, seed: 1))
        {
            Validation = validation,
            Patience = 2,
        };
        trainer.Fit(200);
        Assert.True(trainer.EarlyStopped);
        Assert.True(trainer.Epoch < 200);
        var best = trainer.History.Min(h => h.ValidationLoss);
        Assert.Equal(best, trainer.Evaluate(validation).Loss, 4);
    }

    [Fact]
    public void Evaluation_counts_a_confusion_matrix_and_per_class_accuracy()
    {
        // A fixed linear model: class = 1 when x > 0.
        var layer = new Linear(1, 2, new Generator(1));
        layer.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = Tensor.FromArray([-1f, 1f], new Shape(2, 1)),
            ["bias"] = Tensor.FromArray([0f, 0f]),
        });
        var data = Dataset.Classification("line", [-2f, -1f, 1f, 2f, 3f], [1], [0, 1, 1, 1, 0], 2);
        var evaluation = Evaluation.Run(layer, new CrossEntropyLoss(), data);
        Assert.Equal(0.6, evaluation.Accuracy, 12);
        Assert.Equal(1, evaluation.Confusion![0, 0]);
        Assert.Equal(1, evaluation.Confusion[0, 1]);
        Assert.Equal(1, evaluation.Confusion[1, 0]);
        Assert.Equal(2, evaluation.Confusion[1, 1]);
        Assert.Equal([0.5, 2.0 / 3], evaluation.PerClassAccuracy());
    }

    [Fact]
    public void Clipping_in_the_loop_bounds_each_step_and_l1_pulls_weights_to_zero()
    {
        var data = Spiral.Create(pointsPerClass: 20, seed: 1);
        var model = Mlp.Create([2, 8, 3], Activation.Relu, new Generator(1));
        var before = model.Parameters().SelectMany(p => p.Value.ToFloatArray()).ToArray();
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 1.0), new DataLoader(data, 60, shuffle: false))
        {
            ClipNorm = 1e-3,
        };
        trainer.Fit(1);
        var after = model.Parameters().SelectMany(p => p.Value.ToFloatArray()).ToArray();
        var moved = Math.Sqrt(before.Zip(after, (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.InRange(moved, 1e-4, 1.0001e-3);

        var sparse = Mlp.Create([2, 8, 3], Activation.Relu, new Generator(1));
        var l1 = new Trainer(sparse, new CrossEntropyLoss(), new Sgd(sparse.Parameters(), 0.1), new DataLoader(data, 60, shuffle: false))
        {
            L1 = 0.05,
            ClipValue = 10,
        };
        var normBefore = sparse.Parameters()[0].Value.Abs().Sum().Item();
        l1.Fit(30);
        Assert.True(sparse.Parameters()[0].Value.Abs().Sum().Item() < normBefore);
    }

    [Fact]
    public void Lbfgs_trains_a_small_regression_through_the_loop()
    {
        var x = Enumerable.Range(0, 20).Select(i => i / 10f - 1).ToArray();
        var y = x.Select(v => 3 * v - 0.5f).ToArray();
        var data = Dataset.Regression("line", x, [1], y, [1]);
        var model = new Linear(1, 1, new Generator(1));
        var trainer = new Trainer(model, new MseLoss(), new Lbfgs(model.Parameters()), new DataLoader(data, 20, shuffle: false));
        trainer.Fit(2);
        Assert.True(trainer.Evaluate(data).Loss < 1e-8);
        Assert.Equal(3, model.Weight.Value[0, 0], 3);
    }

    [Fact]
    public void Random_search_with_cross_validation_reports_trials_best_first()
    {
        var data = Spiral.Create(pointsPerClass: 30, seed: 4);
        var search = new HyperparameterSearch { Trials = 3, Folds = 3, Epochs = 15, Seed = 1, Widths = [8, 32], BatchSize = 16 };
        var trials = search.Run(data);
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal(3, t.FoldAccuracies.Length));
        Assert.True(trials[0].MeanAccuracy >= trials[^1].MeanAccuracy);
        Assert.InRange(trials[0].LearningRate, 1e-3, 1);
        Assert.Contains(trials[0].Width, new[] { 8, 32 });

        // Seeded: the same search gives the same answer.
        Assert.Equal(trials.Select(t => t.MeanAccuracy), search.Run(data).Select(t => t.MeanAccuracy));
    }
}
