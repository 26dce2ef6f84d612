using System.Text.Json.Nodes;
using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="NeuronLearn.Run"/> with the guide's settings: the maths is in the samples library.</summary>
internal sealed class NeuronLearnDemo : IDemo
{
    public string Name => "neuron-learn";

    public string Summary => "nn6: a sigmoid neuron learns AND, one example at a time";

    public int Order => 350;

    public void Run(DemoReport report)
    {
        var r = NeuronLearn.Run(NeuronLearn.GuideSettings);
        var s = r.Settings;
        report.Heading("A sigmoid neuron learns AND: o = sigmoid(w1*x1 + w2*x2 + b), cross-entropy, one example at a time");
        report.Line($"weights uniform in [-0.5, 0.5) (System.Random seed {s.Seed}), learning rate {s.LearningRate}, {s.Epochs} epochs over the 4 rows");
        report.Set("initial", r.Initial);

        foreach (var entry in r.Log)
        {
            var w = entry.Weights;
            report.Line($"epoch {entry.Epoch,4}: loss {DemoReport.F(entry.Loss)}, w1 = {DemoReport.F(w[0])}, w2 = {DemoReport.F(w[1])}, b = {DemoReport.F(w[2])}");
            report.Append("log", new JsonObject { ["epoch"] = entry.Epoch, ["loss"] = entry.Loss });
        }

        report.Set("weights", r.Weights);
        report.Heading("What the neuron answers");
        for (var i = 0; i < r.Outputs.Count; i++)
        {
            report.Line($"{AndTable.Inputs[i][0]} AND {AndTable.Inputs[i][1]}: o = {DemoReport.F(r.Outputs[i])} -> {r.Answers[i]} (expected {AndTable.Targets[i]})");
            report.Append("outputs", r.Outputs[i]);
        }

        report.Line($"{r.Correct} of 4 right");
        report.Set("correct", r.Correct);
    }
}
