using Gradwire.Bench.SideBySide;
using Gradwire.Kernels;
using TorchSharp;
using GTensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Bench.Tensors;

/// <summary>
/// Softmax over the rows of a 1024×1024 float32 tensor into a new tensor, disposed after each call on both
/// sides (Gradwire: pooled buffer; libtorch: its allocator). No grad on either side.
/// </summary>
public sealed class SoftmaxSuite : ISideBySideSuite
{
    public string Name => "softmax";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new SoftmaxCase(1024, 1024, threads);
    }

    private sealed class SoftmaxCase : ISideBySideCase, IDisposable
    {
        private readonly int _rows;
        private readonly int _columns;
        private readonly int _threads;
        private readonly GTensor _x;
        private readonly torch.Tensor _tx;

        public SoftmaxCase(int rows, int columns, int threads)
        {
            _rows = rows;
            _columns = columns;
            _threads = threads;
            var random = new Random(rows * 31 + columns);
            var x = new float[rows * columns];
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = (float)(random.NextDouble() * 10 - 5);
            }

            _x = GTensor.FromArray(x).Reshape([rows, columns]);
            _tx = torch.tensor(x, [rows, columns]);
            CheckSameResult();
        }

        public string Name => $"softmax rows f32 {_rows}x{_columns}";

        /// <summary>Not a FLOP-bound kernel (an exp per element dominates): no GFLOP/s.</summary>
        public double Flops => 0;

        public void RunGradwire()
        {
            using var compute = Compute.WithThreads(_threads);
            using var noGrad = GTensor.NoGrad();
            using var y = _x.Softmax(1);
        }

        public void RunTorch()
        {
            using var y = _tx.softmax(1);
        }

        public void Dispose()
        {
            _x.Dispose();
            _tx.Dispose();
        }

        /// <summary>Both sides must compute the same probabilities (up to the rounding of exp and the row sums).</summary>
        private void CheckSameResult()
        {
            using var compute = Compute.WithThreads(_threads);
            float[] mine;
            using (GTensor.NoGrad())
            using (var y = _x.Softmax(1))
            {
                mine = y.ToFloatArray();
            }

            using var ty = _tx.softmax(1);
            var theirs = ty.data<float>().ToArray();
            var worst = 0.0;
            for (var i = 0; i < mine.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(mine[i] - theirs[i]) / Math.Max(theirs[i], 1e-30f));
            }

            if (worst > 1e-5)
            {
                throw new InvalidOperationException($"softmax {_rows}x{_columns}: Gradwire and TorchSharp differ by {worst} (relative).");
            }
        }
    }
}
