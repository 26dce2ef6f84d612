using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Guide;

/// <summary>
/// nn6's <c>mlpXor</c>: XOR (the library's <see cref="Xor.Points"/>) is not linearly separable, so a single neuron
/// cannot learn it but a 2-8-1 net with tanh hidden units and a linear output can. The recipe is
/// <c>gradwire bench xor</c>'s: MSE on the four points, SGD lr 0.5, 2000 steps, seed 2 (with lr 0.5 many
/// initializations diverge, in PyTorch too; seed 2 converges).
/// </summary>
public static class MlpXor
{
    /// <summary>The guide's settings: seed 2, learning rate 0.5, 2000 steps, the loss logged every 250.</summary>
    public static MlpXorSettings GuideSettings { get; } = new(2, 0.5, 2000, 250);

    /// <summary>Trains the net full-batch on the four points, then reads its answers (1 when the output &gt; 0.5).</summary>
    public static MlpXorResult Run(MlpXorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var data = Xor.Points();
        var inputs = data.Features.ToArray();
        var targets = new float[data.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = data.Labels[i];
        }

        var model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator(settings.Seed));
        var optimizer = new Sgd(model.Parameters(), settings.LearningRate);
        var x = Tensor.FromArray(inputs, new Shape(targets.Length, 2)).DetachFromScope();
        var y = Tensor.FromArray(targets, new Shape(targets.Length, 1)).DetachFromScope();
        var log = new List<MlpXorLogEntry>();
        var finalLoss = double.NaN;
        for (var step = 0; step <= settings.Steps; step++)
        {
            using var scope = TensorScope.Begin();
            var loss = Losses.Mse(model.Forward(x), y);
            if (step % settings.LogEvery == 0)
            {
                log.Add(new MlpXorLogEntry(step, loss.Item()));
            }

            if (step == settings.Steps)
            {
                finalLoss = loss.Item();
                break;
            }

            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }

        var answers = new List<MlpXorAnswer>();
        using (Tensor.NoGrad())
        {
            var output = model.Forward(x).ToFloatArray();
            for (var i = 0; i < targets.Length; i++)
            {
                var bit = output[i] > 0.5 ? 1 : 0;
                answers.Add(new MlpXorAnswer((int)inputs[2 * i], (int)inputs[2 * i + 1], (int)targets[i], output[i], bit));
            }
        }

        var right = answers.Count(a => a.Bit == a.Target);
        return new MlpXorResult(settings, log, finalLoss, answers, right);
    }
}

/// <summary>The knobs of <see cref="MlpXor.Run"/>.</summary>
/// <param name="Seed">The <see cref="Generator"/> seed of the initial weights.</param>
/// <param name="LearningRate">The SGD step.</param>
/// <param name="Steps">Full-batch steps.</param>
/// <param name="LogEvery">Record the loss every this many steps.</param>
public sealed record MlpXorSettings(ulong Seed, double LearningRate, int Steps, int LogEvery);

/// <summary>One logged loss.</summary>
/// <param name="Step">The step, from 0 (before any update).</param>
/// <param name="Loss">The MSE over the four points.</param>
public readonly record struct MlpXorLogEntry(int Step, double Loss);

/// <summary>The trained net on one point.</summary>
/// <param name="A">x₁.</param>
/// <param name="B">x₂.</param>
/// <param name="Target">x₁ XOR x₂.</param>
/// <param name="Output">The net's output.</param>
/// <param name="Bit">1 when the output &gt; 0.5, else 0.</param>
public readonly record struct MlpXorAnswer(int A, int B, int Target, float Output, int Bit);

/// <summary>What <see cref="MlpXor.Run"/> computed.</summary>
/// <param name="Settings">The settings it ran with.</param>
/// <param name="Log">The logged losses.</param>
/// <param name="FinalLoss">The loss after the last step.</param>
/// <param name="Answers">The net's answer on each point, in the order 00, 01, 10, 11.</param>
/// <param name="Right">How many answers are right (of 4).</param>
public sealed record MlpXorResult(
    MlpXorSettings Settings, IReadOnlyList<MlpXorLogEntry> Log, double FinalLoss, IReadOnlyList<MlpXorAnswer> Answers, int Right);
