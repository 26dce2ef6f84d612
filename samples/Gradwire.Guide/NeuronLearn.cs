using Gradwire.Scalars;

namespace Gradwire.Guide;

/// <summary>
/// nn6's neuron: a sigmoid neuron o = σ(w1·x1 + w2·x2 + b) learns AND (<see cref="AndTable"/>) from one example at a
/// time, by online SGD on the cross-entropy −t·ln o − (1 − t)·ln(1 − o), from small seeded random weights.
/// </summary>
public static class NeuronLearn
{
    /// <summary>The guide's settings: seed 1, learning rate 0.5, 1000 epochs, a log every 100 (and at epoch 1).</summary>
    public static NeuronLearnSettings GuideSettings { get; } = new(1, 0.5, 1000, 100);

    /// <summary>Draws w1, w2, b uniform in [−0.5, 0.5), trains, then reads the neuron's answers.</summary>
    public static NeuronLearnResult Run(NeuronLearnSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var random = new Random(settings.Seed);
        Value[] p = [new Value(random.NextDouble() - 0.5, "w1"), new Value(random.NextDouble() - 0.5, "w2"), new Value(random.NextDouble() - 0.5, "b")];
        var initial = p.Select(v => v.Data).ToArray();
        var log = new List<NeuronLearnLogEntry>();
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            var epochLoss = 0.0;
            for (var i = 0; i < AndTable.Inputs.Count; i++)
            {
                var t = AndTable.Targets[i];
                var o = Output(p, AndTable.Inputs[i]);
                var loss = -t * o.Log() - (1 - t) * (1 - o).Log();
                epochLoss += loss.Data;
                foreach (var v in p)
                {
                    v.Grad = 0;
                }

                loss.Backward();
                foreach (var v in p)
                {
                    v.Data -= settings.LearningRate * v.Grad;
                }
            }

            if (epoch == 1 || epoch % settings.LogEvery == 0)
            {
                log.Add(new NeuronLearnLogEntry(epoch, epochLoss, p.Select(v => v.Data).ToArray()));
            }
        }

        var outputs = new double[AndTable.Inputs.Count];
        var answers = new int[outputs.Length];
        var correct = 0;
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = Output(p, AndTable.Inputs[i]).Data;
            answers[i] = outputs[i] > 0.5 ? 1 : 0;
            correct += answers[i] == (int)AndTable.Targets[i] ? 1 : 0;
        }

        return new NeuronLearnResult(settings, initial, p.Select(v => v.Data).ToArray(), log, outputs, answers, correct);
    }

    private static Value Output(Value[] p, IReadOnlyList<double> x) => (p[0] * x[0] + p[1] * x[1] + p[2]).Sigmoid();
}

/// <summary>The knobs of <see cref="NeuronLearn.Run"/>.</summary>
/// <param name="Seed">System.Random seed of the initial weights.</param>
/// <param name="LearningRate">The SGD step.</param>
/// <param name="Epochs">Passes over the 4 rows.</param>
/// <param name="LogEvery">Record the epoch's loss every this many epochs (and at epoch 1).</param>
public sealed record NeuronLearnSettings(int Seed, double LearningRate, int Epochs, int LogEvery);

/// <summary>One logged epoch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Loss">The summed cross-entropy of its 4 updates.</param>
/// <param name="Weights">w1, w2, b after it.</param>
public sealed record NeuronLearnLogEntry(int Epoch, double Loss, IReadOnlyList<double> Weights);

/// <summary>What <see cref="NeuronLearn.Run"/> computed.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="Initial">w1, w2, b before training.</param>
/// <param name="Weights">w1, w2, b after training.</param>
/// <param name="Log">The logged epochs.</param>
/// <param name="Outputs">o for each row of <see cref="AndTable.Inputs"/>.</param>
/// <param name="Answers">1 where o &gt; 0.5, else 0.</param>
/// <param name="Correct">How many answers match <see cref="AndTable.Targets"/>.</param>
public sealed record NeuronLearnResult(
    NeuronLearnSettings Settings,
    IReadOnlyList<double> Initial,
    IReadOnlyList<double> Weights,
    IReadOnlyList<NeuronLearnLogEntry> Log,
    IReadOnlyList<double> Outputs,
    IReadOnlyList<int> Answers,
    int Correct);
