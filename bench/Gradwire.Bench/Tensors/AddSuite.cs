using Gradwire.Bench.SideBySide;
using Gradwire.Kernels;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.Tensors;

/// <summary>
/// Element-wise <c>c = a + b</c> of 1M float32 into a new tensor, disposed after each call on both sides:
/// Gradwire takes the result's buffer from its pool and returns it on dispose; libtorch allocates it with its
/// CPU allocator (aligned malloc) and frees it on dispose. Neither side records a tape (no grad).
/// </summary>
public sealed class AddSuite : ISideBySideSuite
{
    public string Name => "add";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new AddCase(1 << 20, threads);
    }

    private sealed class AddCase : ISideBySideCase, IDisposable
    {
        private readonly int _length;
        private readonly int _threads;
        private readonly GTensor _a;
        private readonly GTensor _b;
        private readonly torch.Tensor _ta;
        private readonly torch.Tensor _tb;

        public AddCase(int length, int threads)
        {
            _length = length;
            _threads = threads;
            var random = new Random(length);
            var a = new float[length];
            var b = new float[length];
            for (var i = 0; i < length; i++)
            {
                a[i] = (float)(random.NextDouble() * 2 - 1);
                b[i] = (float)(random.NextDouble() * 2 - 1);
            }

            _a = GTensor.FromArray(a);
            _b = GTensor.FromArray(b);
            _ta = torch.tensor(a);
            _tb = torch.tensor(b);
            CheckSameResult(a, b);
        }

        public string Name => $"add f32 {_length / (1 << 20)}M (new result)";

        /// <summary>One addition per element.</summary>
        public double Flops => _length;

        public void RunGradwire()
        {
            using var compute = Compute.WithThreads(_threads);
            using var noGrad = GTensor.NoGrad();
            using var c = _a + _b;
        }

        public void RunTorch()
        {
            using var c = _ta + _tb;
        }

        public void Dispose()
        {
            _a.Dispose();
            _b.Dispose();
            _ta.Dispose();
            _tb.Dispose();
        }

        /// <summary>Both sides must compute the same sum (bit for bit: one float addition per element).</summary>
        private void CheckSameResult(float[] a, float[] b)
        {
            using var compute = Compute.WithThreads(_threads);
            float[] mine;
            using (GTensor.NoGrad())
            using (var c = _a + _b)
            {
                mine = c.ToFloatArray();
            }

            using var tc = _ta + _tb;
            var theirs = tc.data<float>().ToArray();
            for (var i = 0; i < _length; i++)
            {
                if (mine[i] != theirs[i] || mine[i] != a[i] + b[i])
                {
                    throw new InvalidOperationException($"add: element {i}: Gradwire {mine[i]}, TorchSharp {theirs[i]}, expected {a[i] + b[i]}.");
                }
            }
        }
    }
}
