using Gradwire.Bench.SideBySide;
using Gradwire.Data;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;
using TorchSharp;

namespace Gradwire.Bench.Training;

/// <summary>
/// Issue 8's convolutional recipe (<c>gradwire bench cnn</c>), one call = one training epoch of Fashion-MNIST on
/// each side: conv 5×5 1→8 pad 2, ReLU, max-pool 2, conv 5×5 8→16 pad 2, ReLU, max-pool 2, flatten, linear 784→10,
/// cross-entropy, SGD momentum 0.9, lr 0.05, batch 64. TorchSharp starts from Gradwire's initial weights (copied
/// by name) and sees the same batch order (Gradwire's seeded loader). Skipped without the data.
/// TorchSharp is only at its best with glibc's malloc tuned, and glibc reads that at process start:
/// launch the runner as <c>GLIBC_TUNABLES=glibc.malloc.trim_threshold=2000000000:glibc.malloc.mmap_threshold=33554432 dotnet run ...</c>.
/// </summary>
public sealed class CnnEpochSuite : ISideBySideSuite
{
    public string Name => "cnn-epoch";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        if (!FashionMnist.IsAvailable())
        {
            Console.Error.WriteLine($"  cnn-epoch: skipped, {FashionMnist.HowToGetIt}");
            yield break;
        }

        yield return new CnnEpochCase(threads);
    }
}

/// <summary>One epoch of the convolutional recipe on each side, from the same initial weights.</summary>
public sealed class CnnEpochCase : ISideBySideCase, IDisposable
{
    private const int BatchSize = 64;
    private readonly int _threads;
    private readonly Trainer _trainer;
    private readonly DataLoader _torchOrder;
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _torchModel;
    private readonly torch.optim.Optimizer _torchOptimizer;
    private readonly long[] _batchLabels = new long[BatchSize];
    private int _gradwireEpoch;
    private int _torchEpoch;

    public CnnEpochCase(int threads)
    {
        _threads = threads;
        var train = FashionMnist.Load().Train;
        var model = CnnSpec.Build("cnn:8c5-p2-16c5-p2-fc10", (1, 28, 28), 10, new Generator(1));
        _trainer = new Trainer(model, new CrossEntropyLoss(), new Sgd(model.Parameters(), 0.05, momentum: 0.9),
            new DataLoader(train, BatchSize, shuffle: true, seed: 1));
        _torchOrder = new DataLoader(train, BatchSize, shuffle: true, seed: 1);

        // The same child names as the Gradwire Sequential ("0" is its view of flat rows as images), so the
        // parameter names ("1.weight", ...) match one to one.
        _torchModel = torch.nn.Sequential(
            ("1", torch.nn.Conv2d(1, 8, 5, padding: 2)), ("2", torch.nn.ReLU()), ("3", torch.nn.MaxPool2d(2)),
            ("4", torch.nn.Conv2d(8, 16, 5, padding: 2)), ("5", torch.nn.ReLU()), ("6", torch.nn.MaxPool2d(2)),
            ("7", torch.nn.Flatten()), ("8", torch.nn.Linear(784, 10)));
        var ours = model.NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        using (torch.no_grad())
        {
            foreach (var (name, p) in _torchModel.named_parameters())
            {
                var value = ours[name].Value;
                var data = value.ToArray<float>();
                p.copy_(torch.tensor(data, value.Shape.Dims.ToArray().Select(d => (long)d).ToArray()));
            }
        }

        _torchOptimizer = torch.optim.SGD(_torchModel.parameters(), 0.05, momentum: 0.9);
    }

    public string Name => "cnn 8c5-p2-16c5-p2-fc10 epoch (Fashion-MNIST, batch 64)";

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
            for (var i = 0; i < batch.Size; i++)
            {
                _batchLabels[i] = batch.Labels[i];
            }

            var x = torch.tensor(batch.Features.AsSpan(0, batch.Size * 784).ToArray(), [batch.Size, 1, 28, 28]);
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
