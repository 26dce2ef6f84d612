using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Regression, the part of the guide's chapter 3 that was never written: fit <c>y = sin(x)</c> on [−3, 3] from 64
/// points with a 1-32-32-1 tanh MLP, MSE and Adam (lr 0.01, 2000 full-batch steps); report the training loss and
/// the error on 200 points between the training ones.
/// </summary>
internal sealed class RegressionDemo : IDemo
{
    private const int Steps = 2000;

    public string Name => "regression";

    public string Summary => "CS231n/ch. 3: fit y = sin(x) with a 1-32-32-1 tanh MLP, MSE and Adam";

    public int Order => 410;

    public void Run(DemoReport report)
    {
        var xs = Tensor.Linspace(-3, 3, 64).Reshape(64, 1).DetachFromScope();
        var ys = xs.Sin().DetachFromScope();
        var model = Mlp.Create([1, 32, 32, 1], Activation.Tanh, new Generator(3), init: Initialization.XavierUniform);
        var optimizer = new Adam(model.Parameters(), 0.01);
        report.Heading("y = sin(x) on [-3, 3], 64 points; 1-32-32-1 tanh MLP, MSE, Adam lr 0.01");
        var loss = double.NaN;
        for (var step = 0; step <= Steps; step++)
        {
            using var scope = TensorScope.Begin();
            var l = Losses.Mse(model.Forward(xs), ys);
            loss = l.Item();
            if (step % 400 == 0)
            {
                report.Line($"step {step,5}: mse {DemoReport.F(loss, 6)}");
                report.Append("loss", loss);
            }

            if (step == Steps)
            {
                break;
            }

            optimizer.ZeroGrad();
            l.Backward();
            optimizer.Step();
        }

        report.Set("final_loss", loss);
        using (Tensor.NoGrad())
        {
            var between = Tensor.Linspace(-2.99, 2.99, 200).Reshape(200, 1);
            var error = Losses.Mse(model.Forward(between), between.Sin()).Item();
            report.Line($"mse on 200 points between the training points: {DemoReport.F(error, 6)}");
            report.Set("interpolation_mse", error);
            report.Line();
            report.Line("   x      sin(x)   net");
            foreach (var x in new[] { -3.0, -1.5, 0.0, 0.7, 1.5, 3.0 })
            {
                var y = model.Forward(Tensor.Full(new Shape(1, 1), x)).Item();
                report.Line($"{DemoReport.F(x, 2),6}  {DemoReport.F(Math.Sin(x)),7}  {DemoReport.F(y),7}");
                report.Append("samples", new System.Text.Json.Nodes.JsonObject
                {
                    ["x"] = x,
                    ["sin"] = Math.Sin(x),
                    ["net"] = y,
                });
            }
        }
    }
}
