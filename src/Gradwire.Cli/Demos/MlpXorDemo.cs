using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Demos;

/// <summary>
/// nn6's <c>mlpXor</c>: XOR is not linearly separable, so a single neuron cannot learn it but a 2-8-1 net with
/// tanh hidden units can. The recipe is <c>gradwire bench xor</c>'s: MSE on the four points, SGD lr 0.5, 2000
/// steps, seed 2 (with lr 0.5 many initializations diverge, in PyTorch too; seed 2 converges).
/// </summary>
internal sealed class MlpXorDemo : IDemo
{
    private const int Steps = 2000;

    public string Name => "mlp-xor";

    public string Summary => "nn6: a 2-8-1 tanh MLP learns XOR with MSE and SGD (what one neuron cannot)";

    public int Order => 370;

    public void Run(DemoReport report)
    {
        var model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator(2));
        var optimizer = new Sgd(model.Parameters(), 0.5);
        float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] targets = [0, 1, 1, 0];
        var x = Tensor.FromArray(inputs, new Shape(4, 2)).DetachFromScope();
        var y = Tensor.FromArray(targets, new Shape(4, 1)).DetachFromScope();
        report.Heading("XOR with a 2-8-1 MLP (tanh hidden, linear output), MSE, SGD lr 0.5");
        for (var step = 0; step <= Steps; step++)
        {
            using var scope = TensorScope.Begin();
            var loss = Losses.Mse(model.Forward(x), y);
            if (step % 250 == 0)
            {
                report.Line($"step {step,5}: loss {DemoReport.F(loss.Item(), 6)}");
                report.Append("loss", loss.Item());
                report.Append("loss_steps", step);
            }

            if (step == Steps)
            {
                report.Set("final_loss", loss.Item());
                break;
            }

            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }

        report.Heading("What the net answers");
        using (Tensor.NoGrad())
        {
            var output = model.Forward(x).ToFloatArray();
            var right = 0;
            for (var i = 0; i < 4; i++)
            {
                var a = (int)inputs[2 * i];
                var b = (int)inputs[2 * i + 1];
                var bit = output[i] > 0.5 ? 1 : 0;
                right += bit == (int)targets[i] ? 1 : 0;
                report.Line($"{a} xor {b} = {(int)targets[i]}: net says {DemoReport.F(output[i])} → {bit}");
                report.Set($"outputs.x{a}{b}", output[i]);
                report.Set($"answers.x{a}{b}", bit);
            }

            report.Line($"accuracy {right}/4");
            report.Set("accuracy", right / 4.0);
        }
    }
}
