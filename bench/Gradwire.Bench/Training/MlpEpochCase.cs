using Gradwire.Bench.SideBySide;
using Gradwire.Data;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.Training;

/// <summary>
/// Issue 4's reference recipe, one call = one training epoch of Fashion-MNIST on each side: inputs in [0, 1],
/// MLP 784-256-128-10 with ReLU, softmax cross-entropy, SGD momentum 0.9, lr 0.05, batch 64, the same shuffled
/// order on both sides (Gradwire's seeded loader). Gradwire runs its <see cref="Trainer"/>; TorchSharp the
/// same loop with <c>nn.Sequential</c>, <c>cross_entropy</c> and <c>optim.SGD</c>, each step in a dispose scope.
/// Skipped when the data is not installed (<c>apt-get install dataset-fashion-mnist</c>).
/// </summary>
public sealed class MlpEpochSuite : ISideBySideSuite
{
    public string Name => "mlp-epoch";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"  mlp-epoch: skipped, {FashionMnist.HowToGetIt}");
            yield break;
        }

        yield return new MlpEpochCase(threads);
    }
}

/// <summary>One epoch of the recipe on each side.</summary>
public sealed class MlpEpochCase : ISideBySideCase, IDisposable
{
    private const int BatchSize = 64;
    private readonly int _threads;
    private readonly Dataset _train;
    private readonly Trainer _trainer;
    private readonly DataLoader _torchOrder;
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _torchModel;
    private readonly torch.optim.Optimizer _torchOptimizer;
    private readonly float[] _batchFeatures = new float[BatchSize * 784];
    private readonly long[] _batchLabels = new long[BatchSize];
    private int _gradwireEpoch;
    private int _torchEpoch;

    public MlpEpochCase(int threads)
    {
        _threads = threads;
        _train = FashionMnist.Load(flatten: true).Train;
        var model = Mlp.Create([784, 256, 128, 10], Activation.Relu, new Generator(1));
        _trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.05, momentum: 0.9),
            new DataLoader(_train, BatchSize, shuffle: true, seed: 1));
        _torchOrder = new DataLoader(_train, BatchSize, shuffle: true, seed: 1);
        torch.manual_seed(1);
        _torchModel = torch.nn.Sequential(
            ("0", torch.nn.Linear(784, 256)), ("1", torch.nn.ReLU()), ("2", torch.nn.Linear(256, 128)), ("3", torch.nn.ReLU()),
            ("4", torch.nn.Linear(128, 10)));
        _torchOptimizer = torch.optim.SGD(_torchModel.parameters(), 0.05, momentum: 0.9);
    }

    public string Name => "mlp 784-256-128-10 epoch (Fashion-MNIST, batch 64)";

    public double Flops => 0;

    public void RunGradwire()
    {
        using var compute = Compute.WithThreads(_threads);
        _trainer.Fit(++_gradwireEpoch);
    }

    public void RunTorch()
    {
        foreach (var batch in _torchOrder.Epoch(_torchEpoch++))
        {
            using var scope = torch.NewDisposeScope();

            // The same gather the Gradwire loader does, then one copy into a native tensor.
            batch.Features.AsSpan().CopyTo(_batchFeatures);
            for (var i = 0; i < batch.Size; i++)
            {
                _batchLabels[i] = batch.Labels[i];
            }

            var x = torch.tensor(_batchFeatures.AsSpan(0, batch.Size * 784).ToArray(), [batch.Size, 784]);
            var y = torch.tensor(_batchLabels.AsSpan(0, batch.Size).ToArray(), [batch.Size]);
            var loss = torch.nn.functional.cross_entropy(_torchModel.forward(x), y);
            _torchOptimizer.zero_grad();
            loss.backward();
            _torchOptimizer.step();
        }
    }

    public void Dispose()
    {
        _torchModel.Dispose();
        _torchOptimizer.Dispose();
    }
}
