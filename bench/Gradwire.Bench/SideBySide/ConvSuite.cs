using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Tensors;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.SideBySide;

/// <summary>
/// conv2d forward + backward (input, weight and bias gradients), f32, NCHW: 64→64 channels, 3×3, padding 1,
/// 32×32, batch 32 (7.25 GFLOP per call: forward, dX and dW are 2·N·O·C·9·H·W each), reported as GFLOP/s and % of
/// the FMA peak. Both sides start from the same numbers and backpropagate the same output gradient.
/// </summary>
public sealed class ConvSuite : ISideBySideSuite
{
    public string Name => "conv2d";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new ConvCase(threads, 32, 64, 64, 32, 3);
    }

    private sealed class ConvCase : ISideBySideCase, IDisposable
    {
        private readonly int _threads;
        private readonly int _n, _c, _o, _size, _k;
        private readonly GTensor _x, _w, _b, _g;
        private readonly torch.Tensor _tx, _tw, _tb, _tg;

        public ConvCase(int threads, int n, int c, int o, int size, int k)
        {
            (_threads, _n, _c, _o, _size, _k) = (threads, n, c, o, size, k);
            _x = GTensor.Uniform(new Shape(n, c, size, size), new Generator(1), -1, 1).DetachFromScope();
            _w = GTensor.Uniform(new Shape(o, c, k, k), new Generator(2), -0.1, 0.1).DetachFromScope();
            _b = GTensor.Uniform(new Shape(o), new Generator(3), -0.1, 0.1).DetachFromScope();
            _g = GTensor.Uniform(new Shape(n, o, size, size), new Generator(4), -1, 1).DetachFromScope();
            _x.RequiresGrad = _w.RequiresGrad = _b.RequiresGrad = true;
            _tx = Copy(_x, true);
            _tw = Copy(_w, true);
            _tb = Copy(_b, true);
            _tg = Copy(_g, false);
        }

        public string Name => $"conv2d fwd+bwd f32 {_c}→{_o} {_k}×{_k} {_size}×{_size} batch {_n}";

        public double Flops => 3 * 2.0 * _n * _o * _c * _k * _k * _size * _size;

        public void RunGradwire()
        {
            using var compute = Compute.WithThreads(_threads);
            using var scope = TensorScope.Begin();
            _x.ZeroGrad(setToNull: true);
            _w.ZeroGrad(setToNull: true);
            _b.ZeroGrad(setToNull: true);
            Functional.Conv2d(_x, _w, _b, padding: _k / 2).Backward(_g);
        }

        public void RunTorch()
        {
            using var scope = torch.NewDisposeScope();
            _tx.grad?.zero_();
            _tw.grad?.zero_();
            _tb.grad?.zero_();
            torch.nn.functional.conv2d(_tx, _tw, _tb, padding: [_k / 2, _k / 2]).backward([_tg]);
        }

        public void Dispose()
        {
            _tx.Dispose();
            _tw.Dispose();
            _tb.Dispose();
            _tg.Dispose();
        }

        private static torch.Tensor Copy(GTensor t, bool grad) =>
            torch.tensor(t.ToArray<float>(), t.Shape.Dims.ToArray().Select(d => (long)d).ToArray()).requires_grad_(grad);
    }
}
