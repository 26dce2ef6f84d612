using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's <c>mlp7seg</c>: the seven segments of a display in, the digit out, learned twice: as a 10-way
/// classifier (7-16-10, softmax cross-entropy) and as its 4-bit binary code (7-16-4 with sigmoid outputs, MSE).
/// </summary>
internal sealed class Mlp7SegDemo : IDemo
{
    public string Name => "mlp-7seg";

    public string Summary => "nn6: an MLP reads a 7-segment display: the digit (softmax) and its 4-bit code (sigmoid + MSE)";

    public int Order => 380;

    public void Run(DemoReport report)
    {
        var digits = SevenSegment.Digits();
        var classifier = Mlp.Create([7, 16, 10], Activation.Tanh, new Generator(7), init: Initialization.XavierUniform);
        var classify = new Trainer(classifier, new CrossEntropyLoss(), new Adam(classifier.Parameters(), 0.02),
            new DataLoader(digits, 10, shuffle: false));
        classify.Fit(300);
        var digitAccuracy = classify.Evaluate(digits).Accuracy;

        var codes = SevenSegment.BinaryCode();
        var coder = Mlp.Create([7, 16, 4], Activation.Tanh, new Generator(8), output: Activation.Sigmoid, init: Initialization.XavierUniform);
        var code = new Trainer(coder, new MseLoss(), new Adam(coder.Parameters(), 0.02), new DataLoader(codes, 10, shuffle: false));
        code.Fit(1000);

        report.Heading("7 segments → digit (7-16-10, cross-entropy, Adam) and → 4-bit code (7-16-4 sigmoid, MSE, Adam)");
        report.Line($"digit classifier: final loss {DemoReport.F(classify.History[^1].TrainLoss, 5)}, accuracy {DemoReport.F(digitAccuracy * 100, 1)}%");
        report.Line($"binary coder:     final loss {DemoReport.F(code.History[^1].TrainLoss, 5)}");
        report.Set("digit.final_loss", classify.History[^1].TrainLoss);
        report.Set("digit.accuracy", digitAccuracy);
        report.Set("code.final_loss", code.History[^1].TrainLoss);
        report.Line();
        report.Line("segments  digit  code (net)            code (rounded)");
        var bitsRight = 0;
        classifier.Eval();
        coder.Eval();
        using (Tensor.NoGrad())
        {
            var x = Tensor.FromArray(digits.Features, new Shape(10, 7));
            var predicted = new int[10];
            Prediction.Classes(classifier.Forward(x), predicted);
            var bits = coder.Forward(x).ToFloatArray();
            for (var d = 0; d < 10; d++)
            {
                var segments = "";
                for (var s = 0; s < 7; s++)
                {
                    segments += digits.GetFeatures(d)[s] > 0 ? SevenSegment.SegmentNames[s] : "-";
                }

                var raw = string.Join(" ", Enumerable.Range(0, 4).Select(b => DemoReport.F(bits[4 * d + b], 2)));
                var rounded = string.Concat(Enumerable.Range(0, 4).Select(b => bits[4 * d + b] > 0.5 ? "1" : "0"));
                var expected = Convert.ToString(d, 2).PadLeft(4, '0');
                for (var b = 0; b < 4; b++)
                {
                    bitsRight += rounded[b] == expected[b] ? 1 : 0;
                }

                report.Line($"{segments}   {predicted[d]}      {raw}   {rounded} (want {expected})");
                report.Set($"digits.d{d}.predicted", predicted[d]);
                report.Set($"digits.d{d}.code", rounded);
                report.Set($"digits.d{d}.bits", Enumerable.Range(0, 4).Select(b => (double)bits[4 * d + b]).ToArray());
            }
        }

        report.Line($"bits right: {bitsRight}/40");
        report.Set("code.bits_right", bitsRight);
    }
}
