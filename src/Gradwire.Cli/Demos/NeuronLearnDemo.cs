using System.Text.Json.Nodes;
using Gradwire.Guide;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's neuron: a sigmoid neuron σ(w1·x1 + w2·x2 + b) learns AND by learning from one example at a time
/// (online SGD on the cross-entropy −t·ln o − (1 − t)·ln(1 − o)), from small seeded random weights.
/// </summary>
internal sealed class NeuronLearnDemo : IDemo
{
    private const int Seed = 1;
    private const double LearningRate = 0.5;
    private const int Epochs = 1000;
    private const int LogEvery = 100;

    public string Name => "neuron-learn";

    public string Summary => "nn6: a sigmoid neuron learns AND, one example at a time";

    public int Order => 350;

    public void Run(DemoReport report)
    {
        var random = new Random(Seed);
        Value[] p = [new Value(random.NextDouble() - 0.5, "w1"), new Value(random.NextDouble() - 0.5, "w2"), new Value(random.NextDouble() - 0.5, "b")];
        report.Heading("A sigmoid neuron learns AND: o = sigmoid(w1*x1 + w2*x2 + b), cross-entropy, one example at a time");
        report.Line($"weights uniform in [-0.5, 0.5) (System.Random seed {Seed}), learning rate {LearningRate}, {Epochs} epochs over the 4 rows");
        report.Set("initial", p.Select(v => v.Data).ToArray());

        for (var epoch = 1; epoch <= Epochs; epoch++)
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
                    v.Data -= LearningRate * v.Grad;
                }
            }

            if (epoch == 1 || epoch % LogEvery == 0)
            {
                report.Line($"epoch {epoch,4}: loss {DemoReport.F(epochLoss)}, w1 = {DemoReport.F(p[0].Data)}, w2 = {DemoReport.F(p[1].Data)}, b = {DemoReport.F(p[2].Data)}");
                report.Append("log", new JsonObject { ["epoch"] = epoch, ["loss"] = epochLoss });
            }
        }

        report.Set("weights", p.Select(v => v.Data).ToArray());
        report.Heading("What the neuron answers");
        var correct = 0;
        for (var i = 0; i < AndTable.Inputs.Count; i++)
        {
            var o = Output(p, AndTable.Inputs[i]).Data;
            var answer = o > 0.5 ? 1 : 0;
            correct += answer == (int)AndTable.Targets[i] ? 1 : 0;
            report.Line($"{AndTable.Inputs[i][0]} AND {AndTable.Inputs[i][1]}: o = {DemoReport.F(o)} -> {answer} (expected {AndTable.Targets[i]})");
            report.Append("outputs", o);
        }

        report.Line($"{correct} of 4 right");
        report.Set("correct", correct);
    }

    private static Value Output(Value[] p, IReadOnlyList<double> x) => (p[0] * x[0] + p[1] * x[1] + p[2]).Sigmoid();
}
