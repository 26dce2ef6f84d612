using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gradwire.Kernels;

namespace Gradwire.Tests.Kernels;

/// <summary>The fast GEMM against its naive twin, over edge sizes, layouts, scalars, kernels and threads.</summary>
public sealed class GemmTests
{
    /// <summary>Auto takes the tiny tier (<see cref="GemmTiny{T}"/>) for m·n·k ≤ 256 and the direct small-product path (<see cref="GemmSmall{T}"/>) for m·n·k ≤ 64³.</summary>
    private static readonly GemmKernelKind[] Kernels =
        [GemmKernelKind.Auto, GemmKernelKind.Vector512, GemmKernelKind.Vector256, GemmKernelKind.Scalar];

    /// <summary>Edge sizes: empty, 1, primes around the 32-lane tile, tall, skinny, wide, deep.</summary>
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 0, 0, 0 }, { 0, 5, 3 }, { 5, 0, 3 }, { 5, 3, 0 }, { 1, 1, 1 }, { 7, 7, 7 }, { 31, 33, 7 },
        { 33, 31, 33 }, { 13, 65, 17 }, { 200, 3, 5 }, { 3, 200, 5 }, { 5, 7, 300 }, { 1, 257, 1 },
        // The tiny tier (m·n·k ≤ 256) at the XOR layer's shapes and its edge.
        { 4, 8, 2 }, { 4, 1, 8 }, { 8, 2, 4 }, { 4, 8, 8 }, { 1, 16, 16 }, { 3, 5, 7 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float32_matches_the_reference_for_every_kernel_and_transpose(int m, int n, int k)
    {
        foreach (var kind in Kernels)
        {
            foreach (var (ta, tb) in TransposeCombinations)
            {
                Check<float>(kind, null, ta, tb, m, n, k, 1f, 0f, padding: 0, threads: 1);
                Check<float>(kind, null, ta, tb, m, n, k, -1.5f, 0.5f, padding: 3, threads: 1);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Float64_matches_the_reference_for_every_kernel_and_transpose(int m, int n, int k)
    {
        foreach (var kind in Kernels)
        {
            foreach (var (ta, tb) in TransposeCombinations)
            {
                Check<double>(kind, null, ta, tb, m, n, k, 1.0, 0.0, padding: 0, threads: 1);
                Check<double>(kind, null, ta, tb, m, n, k, 0.25, -2.0, padding: 5, threads: 1);
            }
        }
    }

    [Fact]
    public void Size_257_matches_the_reference_in_every_transpose_combination()
    {
        foreach (var (ta, tb) in TransposeCombinations)
        {
            Check<float>(GemmKernelKind.Auto, null, ta, tb, 257, 257, 257, 1f, 0f, padding: 1, threads: 1);
        }

        Check<double>(GemmKernelKind.Auto, null, true, false, 257, 129, 257, 2.0, 1.0, padding: 0, threads: 2);
    }

    [Fact]
    public void Small_cache_blocks_split_every_loop_and_still_match()
    {
        // Blocks far smaller than the matrices run every loop of the nest several times, with ragged
        // remainders: several kc blocks (beta applied once), several mc blocks and several nc panels.
        var blocking = new GemmBlocking(Mc: 1, Kc: 5, Nc: 1);
        foreach (var kind in Kernels)
            foreach (var (ta, tb) in TransposeCombinations)
            {
                Check<float>(kind, blocking, ta, tb, 37, 71, 23, 1f, 0f, padding: 2, threads: 1);
                Check<double>(kind, blocking, ta, tb, 29, 45, 19, -1.0, 3.0, padding: 0, threads: 1);
            }
    }

    [Fact]
    public void Beta_zero_overwrites_NaN_garbage_in_C()
    {
        foreach (var kind in Kernels)
        {
            var c = Check<float>(kind, null, false, false, 19, 45, 8, 1f, 0f, padding: 0, threads: 1,
                initialC: float.NaN);
            Assert.DoesNotContain(c, float.IsNaN);
        }
    }

    [Fact]
    public void Alpha_zero_or_k_zero_only_scales_C()
    {
        Check<float>(GemmKernelKind.Auto, null, false, false, 9, 40, 6, 0f, 2f, padding: 1, threads: 1);
        Check<double>(GemmKernelKind.Auto, null, false, true, 9, 40, 0, 3.0, 0.5, padding: 1, threads: 1);
        var cleared = Check<float>(GemmKernelKind.Auto, null, false, false, 4, 4, 0, 1f, 0f, padding: 0,
            threads: 1, initialC: float.NaN);
        Assert.All(cleared, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Padding_between_rows_of_C_is_never_written()
    {
        const int m = 21, n = 35, k = 9, ldc = n + 4;
        var a = Random<float>(m * k, 1);
        var b = Random<float>(k * n, 2);
        var c = new float[m * ldc];
        Array.Fill(c, -7f);
        Gemm.Multiply(false, false, m, n, k, 1f, a, k, b, n, 0f, c, ldc);
        for (var i = 0; i < m; i++)
        {
            for (var j = n; j < ldc && i * ldc + j < c.Length; j++)
            {
                Assert.Equal(-7f, c[i * ldc + j]);
            }
        }
    }

    [Theory]
    [InlineData(300, 150, 100)]
    [InlineData(60, 400, 120)]
    public void Several_threads_give_the_same_bits_as_one(int m, int n, int k)
    {
        foreach (var (ta, tb) in TransposeCombinations)
        {
            var a = Random<float>(m * k, 3);
            var b = Random<float>(k * n, 4);
            var one = Random<float>(m * n, 5);
            var two = (float[])one.Clone();
            var (lda, ldb) = (ta ? m : k, tb ? k : n);
            Gemm.Multiply(ta, tb, m, n, k, 1.25f, a, lda, b, ldb, 0.5f, one, n, maxThreads: 1);
            Gemm.Multiply(ta, tb, m, n, k, 1.25f, a, lda, b, ldb, 0.5f, two, n, maxThreads: 2);
            Assert.Equal(one, two);
        }
    }

    [Fact]
    public void A_too_short_names_the_operand_and_the_size_it_needs()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, false, 3, 4, 5, 1f, new float[14], 5, new float[20], 4, 0f, new float[12], 4));
        Assert.Contains("A is 3×5", error.Message);
        Assert.Contains("needs 15 elements, got 14", error.Message);
    }

    [Fact]
    public void A_leading_dimension_smaller_than_the_stored_width_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(false, true, 2, 2, 3, 1.0, new double[6], 2, new double[6], 3, 0.0, new double[4], 2));
        Assert.Contains("A is 2×3", error.Message);
        Assert.Contains("at least 3, got 2", error.Message);
    }

    [Fact]
    public void Negative_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.Multiply(false, false, -1, 1, 1, 1f, [], 1, [], 1, 0f, [], 1));
    }

    [Property(MaxTest = 60)]
    public Property Random_shapes_and_layouts_match_the_reference() =>
        Prop.ForAll(
            Gen.Choose(0, 40).Three().ToArbitrary(),
            Gen.Choose(0, 15).ToArbitrary(),
            (size, flags) =>
            {
                var (m, n, k) = size;
                Check<float>(GemmKernelKind.Auto, null, (flags & 1) != 0, (flags & 2) != 0, m, n, k, 1f,
                    (flags & 4) != 0 ? 0f : -1f, padding: (flags & 8) != 0 ? 2 : 0, threads: 1);
            });

    private static (bool, bool)[] TransposeCombinations => [(false, false), (false, true), (true, false), (true, true)];

    /// <summary>
    /// Runs the fast GEMM and the reference on the same random operands (leading dimensions widened by
    /// <paramref name="padding"/>) and asserts they agree within a bound proportional to Σ|a||b|.
    /// </summary>
    private static T[] Check<T>(
        GemmKernelKind kind, GemmBlocking? blocking, bool ta, bool tb, int m, int n, int k,
        T alpha, T beta, int padding, int threads, T? initialC = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (aRows, aCols) = ta ? (k, m) : (m, k);
        var (bRows, bCols) = tb ? (n, k) : (k, n);
        int lda = aCols + padding, ldb = bCols + padding, ldc = n + padding;
        var a = Random<T>(Math.Max(0, aRows * lda), 11 + m);
        var b = Random<T>(Math.Max(0, bRows * ldb), 13 + n);
        var c = initialC is { } fill ? Enumerable.Repeat(fill, m * ldc).ToArray() : Random<T>(m * ldc, 17 + k);
        var expected = (T[])c.Clone();
        GemmReference.Multiply(ta, tb, m, n, k, alpha, a, Math.Max(1, lda), b, Math.Max(1, ldb), beta, expected,
            Math.Max(1, ldc));
        Gemm.Multiply(kind, blocking, ta, tb, m, n, k, alpha, a, Math.Max(1, lda), b, Math.Max(1, ldb), beta, c,
            Math.Max(1, ldc), threads);

        var epsilon = T.CreateChecked(typeof(T) == typeof(float) ? 1e-5 : 1e-13);
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < ldc; j++)
            {
                var index = i * ldc + j;
                if (j >= n)
                {
                    Assert.Equal(expected[index], c[index]); // padding untouched (both left it alone)
                    continue;
                }

                // |error| ≤ ε · (k + 2) · (|alpha| Σ_p |a_ip b_pj| + |beta c_ij|): the usual dot-product bound.
                var magnitude = T.Abs(beta * expected[index]) + T.One;
                for (var p = 0; p < k; p++)
                {
                    var aip = ta ? a[p * lda + i] : a[i * lda + p];
                    var bpj = tb ? b[j * ldb + p] : b[p * ldb + j];
                    magnitude += T.Abs(alpha * aip * bpj);
                }

                var tolerance = epsilon * T.CreateChecked(k + 2) * magnitude;
                Assert.True(T.Abs(c[index] - expected[index]) <= tolerance,
                    $"{kind} {typeof(T).Name} ta={ta} tb={tb} m={m} n={n} k={k}: C[{i},{j}] = {c[index]}, reference {expected[index]}");
            }
        }

        return c;
    }

    private static T[] Random<T>(int length, int seed)
        where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = T.CreateChecked(random.NextDouble() * 2 - 1);
        }

        return values;
    }
}
