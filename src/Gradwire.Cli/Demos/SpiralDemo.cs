using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Cli.Demos;

/// <summary>
/// CS231n's "minimal neural network case study": the 3-class spiral (300 points), first a linear softmax
/// classifier, then a 2-layer net with 100 ReLU hidden units; both full-batch SGD with step 1 and L2 strength
/// 1e-3 (<c>0.5·reg·ΣW²</c>), weights N(0, 0.01²). The linear model cannot follow the arms (about 50%); the net
/// reaches ≥ 98% training accuracy.
/// </summary>
internal sealed class SpiralDemo : IDemo
{
    public string Name => "spiral";

    public string Summary => "CS231n: linear softmax vs a 2-layer ReLU net on the 3-class spiral (net ≥ 98% training accuracy)";

    public int Order => 400;

    public void Run(DemoReport report)
    {
        var data = Spiral.Create(pointsPerClass: 100, classes: 3, seed: 0);
        report.Heading("3-class spiral, 300 points; full-batch SGD, step 1.0, L2 1e-3");
        Train(report, "linear", new Sequential(new Linear(2, 3, new Generator(0), init: Initialization.SmallNormal)), data, 200);
        Train(report, "net", Mlp.Create([2, 100, 3], Activation.Relu, new Generator(0), init: Initialization.SmallNormal), data, 10000);
    }

    private static void Train(DemoReport report, string name, Module<Tensor, Tensor> model, Dataset data, int iterations)
    {
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 1.0), new DataLoader(data, data.Count, shuffle: false))
        {
            L2 = 1e-3,
        };
        var every = iterations / 5;
        trainer.EpochCompleted += m =>
        {
            if (m.Epoch % every == 0)
            {
                report.Line($"{name,-6} iteration {m.Epoch,5}: loss {DemoReport.F(m.TrainLoss)}");
                report.Append($"{name}.loss", m.TrainLoss);
            }
        };
        trainer.Fit(iterations);
        var accuracy = trainer.Evaluate(data).Accuracy;
        report.Line($"{name,-6} training accuracy: {DemoReport.F(accuracy * 100, 2)}% after {iterations} iterations ({model.ParameterCount()} parameters)");
        report.Line();
        report.Set($"{name}.accuracy", accuracy);
        report.Set($"{name}.iterations", iterations);
        report.Set($"{name}.parameters", model.ParameterCount());
    }
}
