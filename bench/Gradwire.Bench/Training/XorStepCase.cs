using Gradwire.Bench.SideBySide;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.Training;

/// <summary>
/// Issue 4's XOR recipe, one call = one training step on each side: MLP 2-8-1 with tanh hidden units and a
/// linear output, MSE on the full batch of 4, SGD lr 0.5. Per-op overhead is everything at this size.
/// </summary>
public sealed class XorStepSuite : ISideBySideSuite
{
    public string Name => "xor-step";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new XorStepCase();
    }
}

/// <summary>One step of the XOR recipe on each side.</summary>
public sealed class XorStepCase : ISideBySideCase, IDisposable
{
    private readonly Module<GTensor, GTensor> _model;
    private readonly Sgd _optimizer;
    private readonly GTensor _x;
    private readonly GTensor _y;
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _torchModel;
    private readonly torch.optim.Optimizer _torchOptimizer;
    private readonly torch.Tensor _tx;
    private readonly torch.Tensor _ty;

    public XorStepCase()
    {
        _model = Mlp.Create([2, 8, 1], Activation.Tanh, new Generator(2));
        _optimizer = new Sgd(_model.Parameters(), 0.5);
        _x = GTensor.FromArray([0f, 0, 0, 1, 1, 0, 1, 1], new Shape(4, 2)).DetachFromScope();
        _y = GTensor.FromArray([0f, 1, 1, 0], new Shape(4, 1)).DetachFromScope();
        torch.manual_seed(1);
        _torchModel = torch.nn.Sequential(("0", torch.nn.Linear(2, 8)), ("1", torch.nn.Tanh()), ("2", torch.nn.Linear(8, 1)));

        // The same initial weights on both sides, so both runs take the same path (this seed converges).
        using (torch.no_grad())
        {
            var state = _model.StateDict();
            foreach (var (name, parameter) in _torchModel.named_parameters())
            {
                var values = state[name].ToFloatArray();
                parameter.copy_(torch.tensor(values, parameter.shape));
            }
        }

        _torchOptimizer = torch.optim.SGD(_torchModel.parameters(), 0.5);
        _tx = torch.tensor(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, [4, 2]);
        _ty = torch.tensor(new float[] { 0, 1, 1, 0 }, [4, 1]);

        // A step takes microseconds, so the runner's short calibration would finish inside .NET's tiering delay
        // (call counting starts after 100 ms) and time tier-0 code: run both sides for half a second first.
        WarmUp(RunGradwire);
        WarmUp(RunTorch);
    }

    private static void WarmUp(Action step)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 0.5)
        {
            step();
        }
    }

    public string Name => "xor 2-8-1 tanh training step (MSE, SGD, batch 4)";

    public double Flops => 0;

    public void RunGradwire()
    {
        using var scope = TensorScope.Begin();
        var loss = Losses.Mse(_model.Forward(_x), _y);
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
    }

    public void RunTorch()
    {
        using var scope = torch.NewDisposeScope();
        var loss = torch.nn.functional.mse_loss(_torchModel.forward(_tx), _ty);
        _torchOptimizer.zero_grad();
        loss.backward();
        _torchOptimizer.step();
    }

    public void Dispose()
    {
        _torchModel.Dispose();
        _torchOptimizer.Dispose();
        _tx.Dispose();
        _ty.Dispose();
    }
}
