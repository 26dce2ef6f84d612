using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Guide;

/// <summary>
/// nn6's <c>mlp7seg</c>: the seven segments of a display in (the library's <see cref="SevenSegment"/> data), the
/// digit out, learned twice: as a 10-way classifier (7-16-10 tanh, softmax cross-entropy, Adam lr 0.02, 300 epochs,
/// seed 7) and as its 4-bit binary code (7-16-4 tanh with sigmoid outputs, MSE, Adam lr 0.02, 1000 epochs, seed 8).
/// </summary>
public static class Mlp7Seg
{
    /// <summary>Trains both nets full-batch, then reads each digit's predicted class and code bits.</summary>
    public static Mlp7SegResult Run()
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

        var rows = new List<Mlp7SegDigit>();
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

                var raw = bits.AsSpan(4 * d, 4).ToArray();
                var rounded = string.Concat(raw.Select(b => b > 0.5 ? "1" : "0"));
                var expected = Convert.ToString(d, 2).PadLeft(4, '0');
                for (var b = 0; b < 4; b++)
                {
                    bitsRight += rounded[b] == expected[b] ? 1 : 0;
                }

                rows.Add(new Mlp7SegDigit(d, segments, predicted[d], raw, rounded, expected));
            }
        }

        return new Mlp7SegResult(classify.History[^1].TrainLoss, digitAccuracy, code.History[^1].TrainLoss, rows, bitsRight);
    }
}

/// <summary>Both nets on one digit.</summary>
/// <param name="Digit">The digit shown, 0–9.</param>
/// <param name="Segments">The lit segments by name ("abcdef-" for 0), "-" where dark.</param>
/// <param name="Predicted">The classifier's digit.</param>
/// <param name="Bits">The coder's four sigmoid outputs, most significant first.</param>
/// <param name="Code">The bits rounded at 0.5, as "0101".</param>
/// <param name="Expected">The digit's true 4-bit code.</param>
public sealed record Mlp7SegDigit(int Digit, string Segments, int Predicted, IReadOnlyList<float> Bits, string Code, string Expected);

/// <summary>What <see cref="Mlp7Seg.Run"/> computed.</summary>
/// <param name="DigitFinalLoss">The classifier's training loss in its last epoch.</param>
/// <param name="DigitAccuracy">The classifier's accuracy on the 10 digits.</param>
/// <param name="CodeFinalLoss">The coder's training loss in its last epoch.</param>
/// <param name="Digits">Each digit, 0 to 9.</param>
/// <param name="BitsRight">How many of the 40 rounded code bits are right.</param>
public sealed record Mlp7SegResult(
    double DigitFinalLoss, double DigitAccuracy, double CodeFinalLoss, IReadOnlyList<Mlp7SegDigit> Digits, int BitsRight);
