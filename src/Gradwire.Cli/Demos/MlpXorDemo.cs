using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="MlpXor.Run"/> with the guide's settings: the maths is in the samples library.</summary>
internal sealed class MlpXorDemo : IDemo
{
    public string Name => "mlp-xor";

    public string Summary => "nn6: a 2-8-1 tanh MLP learns XOR with MSE and SGD (what one neuron cannot)";

    public int Order => 370;

    public void Run(DemoReport report)
    {
        var r = MlpXor.Run(MlpXor.GuideSettings);
        report.Heading("XOR with a 2-8-1 MLP (tanh hidden, linear output), MSE, SGD lr 0.5");
        foreach (var entry in r.Log)
        {
            report.Line($"step {entry.Step,5}: loss {DemoReport.F(entry.Loss, 6)}");
            report.Append("loss", entry.Loss);
            report.Append("loss_steps", entry.Step);
        }

        report.Set("final_loss", r.FinalLoss);
        report.Heading("What the net answers");
        foreach (var a in r.Answers)
        {
            report.Line($"{a.A} xor {a.B} = {a.Target}: net says {DemoReport.F(a.Output)} → {a.Bit}");
            report.Set($"outputs.x{a.A}{a.B}", a.Output);
            report.Set($"answers.x{a.A}{a.B}", a.Bit);
        }

        report.Line($"accuracy {r.Right}/4");
        report.Set("accuracy", r.Right / 4.0);
    }
}
