using Gradwire.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Gradwire.Bench.SideBySide;

/// <summary>
/// Square f32 matrix products C = A·B at N = 16 … 2048: Gradwire's <see cref="Gemm.Multiply(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int, int)"/>
/// into a preallocated C against libtorch's in-place <c>C.addmm_(A, B, beta: 0, alpha: 1)</c> (the same GEMM,
/// no allocation on either side).
/// </summary>
public sealed class MatMulSuite : ISideBySideSuite
{
    private static readonly int[] Sizes = [16, 32, 64, 128, 256, 512, 1024, 2048];

    public string Name => "matmul";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        foreach (var n in Sizes)
        {
            yield return new MatMulCase(n, threads);
        }
    }

    private sealed class MatMulCase : ISideBySideCase, IDisposable
    {
        private readonly int n;
        private readonly int threads;
        private readonly float[] a;
        private readonly float[] b;
        private readonly float[] c;
        private readonly Tensor ta;
        private readonly Tensor tb;
        private readonly Tensor tc;

        public MatMulCase(int n, int threads)
        {
            this.n = n;
            this.threads = threads;
            var random = new Random(n);
            a = new float[n * n];
            b = new float[n * n];
            c = new float[n * n];
            for (var i = 0; i < a.Length; i++)
            {
                a[i] = (float)(random.NextDouble() - 0.5);
                b[i] = (float)(random.NextDouble() - 0.5);
            }

            ta = torch.tensor(a, [n, n]);
            tb = torch.tensor(b, [n, n]);
            tc = torch.zeros(n, n);
            CheckSameResult();
        }

        public string Name => $"matmul f32 N={n}";

        public double Flops => 2.0 * n * n * n;

        public void RunGradwire() => Gemm.Multiply(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n, threads);

        public void RunTorch() => tc.addmm_(ta, tb, 0f, 1f);

        public void Dispose()
        {
            ta.Dispose();
            tb.Dispose();
            tc.Dispose();
        }

        /// <summary>Both sides must compute the same product, or the comparison means nothing.</summary>
        private void CheckSameResult()
        {
            RunGradwire();
            RunTorch();
            var torchC = tc.data<float>().ToArray();
            var worst = 0.0;
            for (var i = 0; i < c.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(c[i] - torchC[i]));
            }

            // Entries are sums of n products of values in [-0.5, 0.5]: allow float rounding of that size.
            if (worst > 1e-5 * n)
            {
                throw new InvalidOperationException($"matmul N={n}: Gradwire and TorchSharp differ by {worst}.");
            }
        }
    }
}
