using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>One setting tried by <see cref="HyperparameterSearch"/> and how it did.</summary>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="L2">The L2 regularization strength λ.</param>
/// <param name="Width">The hidden width.</param>
/// <param name="FoldAccuracies">Validation accuracy on each fold.</param>
/// <param name="MeanAccuracy">Mean of <paramref name="FoldAccuracies"/>.</param>
/// <param name="MeanLoss">Mean validation loss over the folds.</param>
public sealed record Trial(double LearningRate, double L2, int Width, double[] FoldAccuracies, double MeanAccuracy, double MeanLoss);

/// <summary>
/// Random search over the learning rate (log-uniform), the L2 strength (log-uniform) and the hidden width
/// (one of a list), each setting scored by k-fold cross-validation: train on k−1 folds, measure accuracy on the
/// held-out one, average. What ConvNetJS's MagicNet did in the browser, seeded and reproducible.
/// </summary>
public sealed class HyperparameterSearch
{
    /// <summary>Trials to draw.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Folds per trial (k).</summary>
    public int Folds { get; init; } = 3;

    /// <summary>Epochs of training per fold.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Learning rates are drawn log-uniformly in this range.</summary>
    public (double Low, double High) LearningRate { get; init; } = (1e-3, 1);

    /// <summary>L2 strengths are drawn log-uniformly in this range.</summary>
    public (double Low, double High) L2 { get; init; } = (1e-6, 1e-2);

    /// <summary>Hidden widths to choose from.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [8, 16, 32, 64];

    /// <summary>Seed of the draws, the folds, the initial weights and the loaders.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Builds the model for a width (hidden units) from a seeded generator. Default: an MLP
    /// inputs → width → classes with ReLU.
    /// </summary>
    public Func<Dataset, int, Generator, Module<Tensor, Tensor>>? ModelFactory { get; init; }

    /// <summary>Builds the optimizer for a learning rate. Default: SGD with momentum 0.9.</summary>
    public Func<IEnumerable<Parameter>, double, Optimizer>? OptimizerFactory { get; init; }

    /// <summary>The loss. Default: softmax cross-entropy.</summary>
    public Loss Loss { get; init; } = new CrossEntropyLoss();

    /// <summary>Runs the search on <paramref name="data"/> (class labels); the trials come back best first.</summary>
    public IReadOnlyList<Trial> Run(Dataset data, Action<Trial>? onTrial = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.TargetKind != TargetKind.ClassLabels)
        {
            throw new ArgumentException("HyperparameterSearch: the data must have class labels (accuracy is the score).");
        }

        if (Trials < 1 || Folds < 2 || Epochs < 1 || Widths.Count == 0)
        {
            throw new ArgumentException("HyperparameterSearch: needs Trials ≥ 1, Folds ≥ 2, Epochs ≥ 1 and at least one width.");
        }

        var draws = new Generator((ulong)Seed);
        var folds = DataSplits.KFold(data, Folds, Seed, stratified: true);
        var results = new List<Trial>();
        for (var t = 0; t < Trials; t++)
        {
            var lr = LogUniform(draws, LearningRate);
            var l2 = LogUniform(draws, L2);
            var width = Widths[draws.NextInt(Widths.Count)];
            var accuracies = new double[folds.Length];
            double lossSum = 0;
            for (var f = 0; f < folds.Length; f++)
            {
                var split = folds[f].Apply(data);
                var generator = new Generator((ulong)(Seed * 1000 + t * 31 + f));
                var model = ModelFactory?.Invoke(data, width, generator)
                            ?? Mlp.Create([data.SampleSize, width, Math.Max(data.ClassCount, 2)], Activation.Relu, generator);
                var optimizer = OptimizerFactory?.Invoke(model.Parameters(), lr) ?? new Sgd(model.Parameters(), lr, momentum: 0.9);
                // A setting that diverges is a bad setting, not a failed search: it scores accuracy 0 and an infinite loss.
                var trainer = new Trainer(model, Loss, optimizer, new DataLoader(split.Train, BatchSize, shuffle: true, seed: Seed + f))
                {
                    L2 = l2,
                    OnDivergence = DivergencePolicy.Stop,
                };
                trainer.Fit(Epochs);
                if (trainer.Divergence is not null)
                {
                    accuracies[f] = 0;
                    lossSum = double.PositiveInfinity;
                    continue;
                }

                var evaluation = trainer.Evaluate(split.Test);
                accuracies[f] = evaluation.Accuracy;
                lossSum += evaluation.Loss;
            }

            var trial = new Trial(lr, l2, width, accuracies, accuracies.Average(), lossSum / folds.Length);
            results.Add(trial);
            onTrial?.Invoke(trial);
        }

        // Best first: higher accuracy, then lower loss (NaN losses last).
        return results
            .OrderByDescending(r => r.MeanAccuracy)
            .ThenBy(r => double.IsNaN(r.MeanLoss) ? double.PositiveInfinity : r.MeanLoss)
            .ToList();
    }

    private static double LogUniform(Generator generator, (double Low, double High) range)
    {
        if (!(range.Low > 0 && range.High >= range.Low))
        {
            throw new ArgumentException($"HyperparameterSearch: a log-uniform range needs 0 < low ≤ high, got [{range.Low}, {range.High}].");
        }

        return Math.Exp(Math.Log(range.Low) + generator.NextDouble() * (Math.Log(range.High) - Math.Log(range.Low)));
    }
}
