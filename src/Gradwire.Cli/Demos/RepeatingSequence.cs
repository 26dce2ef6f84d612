using System.Text;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's recurrent toy: a net reads 001001001… one symbol at a time and learns to predict the next symbol
/// (one-hot input, hidden 8, linear read-out, cross-entropy, Adam 0.05, 12-symbol windows). After training
/// it continues "001" on its own feeding back its predictions.
/// </summary>
internal static class RepeatingSequence
{
    private const int Window = 12, Hidden = 8, Iterations = 150;

    public static void Run(DemoReport report, string cell)
    {
        var g = new Generator(6);
        Module recurrent = cell == "lstm" ? new LSTM(2, Hidden, g) : new RNN(2, Hidden, g);
        var head = new Linear(Hidden, 2, g);
        var parameters = new List<Parameter>(recurrent.Parameters());
        parameters.AddRange(head.Parameters());
        var optimizer = new Adam(parameters, 0.05);
        var loss = new CrossEntropyLoss();
        report.Heading($"{(cell == "lstm" ? "LSTM" : "RNN")}(2 → {Hidden}) + Linear({Hidden} → 2) learns 001001001… (Adam 0.05, {Window}-symbol windows)");
        var x = OneHot(Sequence(0, Window));
        var target = Tensor.FromArray(Array.ConvertAll(Sequence(1, Window), v => (long)v));
        for (var it = 0; it <= Iterations; it++)
        {
            optimizer.ZeroGrad();
            var l = loss.Forward(head.Forward(Run(recurrent, x, null).Y.Reshape(Window, Hidden)), target);
            if (it % 30 == 0)
            {
                report.Line($"iteration {it,3}: loss {DemoReport.F(l.Item())}");
                report.Append("loss", l.Item());
            }

            if (it < Iterations)
            {
                l.Backward();
                optimizer.Step();
            }
        }

        // Free-running: feed "001", then each predicted symbol back in.
        var text = new StringBuilder("001");
        var (y, state) = Run(recurrent, OneHot([0, 0, 1]), null);
        var next = Argmax(head.Forward(y.Select(0, 2)));
        for (var i = 0; i < 18; i++)
        {
            text.Append(next);
            (y, state) = Run(recurrent, OneHot([next]), state);
            next = Argmax(head.Forward(y.Select(0, 0)));
        }

        var expected = string.Concat(Enumerable.Repeat("001", 7));
        var correct = 0;
        for (var i = 3; i < text.Length; i++)
        {
            correct += text[i] == expected[i] ? 1 : 0;
        }

        report.Line($"continues 001 as {text} ({correct}/{text.Length - 3} symbols right)");
        report.Set("generated", text.ToString());
        report.Set("correct", correct);
        report.Set("predicted", text.Length - 3);
    }

    private static int[] Sequence(int start, int count)
    {
        var s = new int[count];
        for (var i = 0; i < count; i++)
        {
            s[i] = (start + i) % 3 == 2 ? 1 : 0;
        }

        return s;
    }

    /// <summary>[T, 1, 2] one-hot rows of the symbols.</summary>
    private static Tensor OneHot(int[] symbols) => Tensor.OneHot(symbols, 2).Reshape(symbols.Length, 1, 2);

    private static int Argmax(Tensor logits)
    {
        var v = logits.ToDoubleArray();
        return v[1] > v[0] ? 1 : 0;
    }

    private static (Tensor Y, (Tensor H, Tensor? C) State) Run(Module recurrent, Tensor x, (Tensor H, Tensor? C)? state)
    {
        if (recurrent is LSTM lstm)
        {
            var (y, (h, c)) = lstm.Forward(x, state is { } s ? (s.H, s.C!) : null);
            return (y, (h, c));
        }

        var (yr, hr) = ((RNN)recurrent).Forward(x, state?.H);
        return (yr, (hr, null));
    }
}
