using BenchmarkDotNet.Attributes;
using Gradwire.Tensors;

namespace Gradwire.Bench.Tensors;

/// <summary>
/// The tensor engine's element-wise, softmax and tape costs: the workloads of <c>gradwire bench add|softmax|tiny-step</c>
/// and one training step of a small MLP (its GEMMs go through <c>Gemm.Multiply</c>). Results come from the buffer
/// pool and go back to it on dispose, as in a training loop.
/// </summary>
[MemoryDiagnoser]
public class TensorOpBenchmarks
{
    private Tensor _a = Tensor.Zeros([1]);
    private Tensor _b = Tensor.Zeros([1]);
    private Tensor _rows = Tensor.Zeros([1]);
    private Tensor _tinyA = Tensor.Zeros([4]);
    private Tensor _tinyB = Tensor.Zeros([4]);
    private Tensor[] _parameters = [];
    private Tensor _x = Tensor.Zeros([1]);
    private Tensor _targets = Tensor.Zeros([1]);

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(42);
        _a = Tensor.Uniform([1 << 20], g, -1, 1);
        _b = Tensor.Uniform([1 << 20], g, -1, 1);
        _rows = Tensor.Uniform([1024, 1024], g, -5, 5);
        _tinyA = Tensor.FromArray([1f, 2, 3, 4]);
        _tinyB = Tensor.FromArray([5f, 6, 7, 8]);
        _tinyA.RequiresGrad = _tinyB.RequiresGrad = true;
        _parameters = [Tensor.KaimingUniform([128, 256], g), Tensor.Zeros([128]), Tensor.KaimingUniform([10, 128], g), Tensor.Zeros([10])];
        foreach (var p in _parameters)
        {
            p.RequiresGrad = true;
        }

        _x = Tensor.Uniform([64, 256], g);
        _targets = Tensor.FromArray(Enumerable.Range(0, 64).Select(i => (long)(i % 10)).ToArray()).Unsqueeze(1);
    }

    /// <summary><c>a + b</c>, 1M float32 elements.</summary>
    [Benchmark]
    public void Add1M()
    {
        using var noGrad = Tensor.NoGrad();
        using var c = _a + _b;
    }

    /// <summary>Row softmax of a 1024×1024 float32 tensor.</summary>
    [Benchmark]
    public void Softmax1024()
    {
        using var noGrad = Tensor.NoGrad();
        using var y = _rows.Softmax();
    }

    /// <summary>The tape's fixed cost: add two 4-element tensors, sum, backward, reset the gradients.</summary>
    [Benchmark]
    public void TinyStep()
    {
        (_tinyA + _tinyB).Sum().Backward();
        _tinyA.ZeroGrad();
        _tinyB.ZeroGrad();
    }

    /// <summary>Forward and backward of a 256-128-10 MLP with softmax cross-entropy on a batch of 64, in a scope.</summary>
    [Benchmark]
    public double MlpStep()
    {
        using var scope = TensorScope.Begin();
        var h = (_x.MatMul(_parameters[0].MT) + _parameters[1]).Relu();
        var loss = -(h.MatMul(_parameters[2].MT) + _parameters[3]).LogSoftmax(1).Gather(1, _targets).Mean();
        foreach (var p in _parameters)
        {
            p.ZeroGrad();
        }

        loss.Backward();
        return loss.Item();
    }
}
