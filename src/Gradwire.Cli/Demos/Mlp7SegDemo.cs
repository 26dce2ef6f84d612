using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="Mlp7Seg.Run"/>: the maths is in the samples library.</summary>
internal sealed class Mlp7SegDemo : IDemo
{
    public string Name => "mlp-7seg";

    public string Summary => "nn6: an MLP reads a 7-segment display: the digit (softmax) and its 4-bit code (sigmoid + MSE)";

    public int Order => 380;

    public void Run(DemoReport report)
    {
        var r = Mlp7Seg.Run();
        report.Heading("7 segments → digit (7-16-10, cross-entropy, Adam) and → 4-bit code (7-16-4 sigmoid, MSE, Adam)");
        report.Line($"digit classifier: final loss {DemoReport.F(r.DigitFinalLoss, 5)}, accuracy {DemoReport.F(r.DigitAccuracy * 100, 1)}%");
        report.Line($"binary coder:     final loss {DemoReport.F(r.CodeFinalLoss, 5)}");
        report.Set("digit.final_loss", r.DigitFinalLoss);
        report.Set("digit.accuracy", r.DigitAccuracy);
        report.Set("code.final_loss", r.CodeFinalLoss);
        report.Line();
        report.Line("segments  digit  code (net)            code (rounded)");
        foreach (var d in r.Digits)
        {
            var raw = string.Join(" ", d.Bits.Select(b => DemoReport.F(b, 2)));
            report.Line($"{d.Segments}   {d.Predicted}      {raw}   {d.Code} (want {d.Expected})");
            report.Set($"digits.d{d.Digit}.predicted", d.Predicted);
            report.Set($"digits.d{d.Digit}.code", d.Code);
            report.Set($"digits.d{d.Digit}.bits", d.Bits.Select(b => (double)b).ToArray());
        }

        report.Line($"bits right: {r.BitsRight}/40");
        report.Set("code.bits_right", r.BitsRight);
    }
}
