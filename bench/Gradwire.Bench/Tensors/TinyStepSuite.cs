using Gradwire.Bench.SideBySide;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.Tensors;

/// <summary>
/// The tape's fixed cost, issue 3's "tiny step": <c>(a + b).sum().backward()</c> on two 4-element float32 leaves
/// that require grad, then both gradients reset in place (Gradwire <c>ZeroGrad</c>, libtorch <c>grad.zero_()</c>),
/// so every call does the same work. Torch's intermediates are disposed explicitly; Gradwire's are left to the GC.
/// </summary>
public sealed class TinyStepSuite : ISideBySideSuite
{
    public string Name => "tiny-step";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new TinyStepCase();
    }

    private sealed class TinyStepCase : ISideBySideCase, IDisposable
    {
        private readonly GTensor _a;
        private readonly GTensor _b;
        private readonly torch.Tensor _ta;
        private readonly torch.Tensor _tb;

        public TinyStepCase()
        {
            _a = GTensor.FromArray([1f, 2, 3, 4]);
            _b = GTensor.FromArray([5f, 6, 7, 8]);
            _a.RequiresGrad = _b.RequiresGrad = true;
            _ta = torch.tensor(new float[] { 1, 2, 3, 4 }, requires_grad: true);
            _tb = torch.tensor(new float[] { 5, 6, 7, 8 }, requires_grad: true);
            CheckSameResult();
        }

        public string Name => "tiny step: (a+b).sum().backward(), 4 f32";

        public double Flops => 0;

        public void RunGradwire()
        {
            (_a + _b).Sum().Backward();
            _a.ZeroGrad();
            _b.ZeroGrad();
        }

        public void RunTorch()
        {
            using (var s = _ta + _tb)
            using (var loss = s.sum())
            {
                loss.backward();
            }

            using (var ga = _ta.grad!)
            {
                ga.zero_();
            }

            using (var gb = _tb.grad!)
            {
                gb.zero_();
            }
        }

        public void Dispose()
        {
            _ta.Dispose();
            _tb.Dispose();
        }

        /// <summary>One step without the reset on each side: the loss is 36 and every gradient is 1 on both.</summary>
        private void CheckSameResult()
        {
            var loss = (_a + _b).Sum();
            loss.Backward();
            using var tloss = (_ta + _tb).sum();
            tloss.backward();
            using var tga = _ta.grad!;
            using var tgb = _tb.grad!;
            var mine = new[] { loss.Item() }.Concat(_a.Grad!.ToFloatArray().Select(v => (double)v))
                .Concat(_b.Grad!.ToFloatArray().Select(v => (double)v)).ToArray();
            var theirs = new[] { (double)tloss.item<float>() }.Concat(tga.data<float>().ToArray().Select(v => (double)v))
                .Concat(tgb.data<float>().ToArray().Select(v => (double)v)).ToArray();
            for (var i = 0; i < mine.Length; i++)
            {
                var expected = i == 0 ? 36.0 : 1.0;
                if (mine[i] != expected || theirs[i] != expected)
                {
                    throw new InvalidOperationException($"tiny step: value {i}: Gradwire {mine[i]}, TorchSharp {theirs[i]}, expected {expected}.");
                }
            }

            _a.ZeroGrad();
            _b.ZeroGrad();
            tga.zero_();
            tgb.zero_();
        }
    }
}
