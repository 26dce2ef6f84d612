using Gradwire.Kernels;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Kernels;

/// <summary>The thread limit is an options object put in effect by a scope, never a process-wide setting.</summary>
public sealed class ComputeOptionsTests
{
    [Fact]
    public void Default_uses_every_core()
    {
        Assert.Equal(Environment.ProcessorCount, ComputeOptions.Default.MaxThreads);
        Assert.Equal(Environment.ProcessorCount, new ComputeOptions().MaxThreads);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_thread_count_below_one_is_refused_naming_the_option(int threads)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeOptions { MaxThreads = threads });
        Assert.Contains("MaxThreads", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Compute.WithThreads(threads));
    }

    [Fact]
    public void Scopes_nest_and_restore_the_outer_options()
    {
        var outside = Compute.Current.MaxThreads;
        using (Compute.WithThreads(3))
        {
            Assert.Equal(3, Compute.Current.MaxThreads);
            Assert.Equal(3, Parallelism.MaxThreads);
            using (Compute.Use(new ComputeOptions { MaxThreads = 1 }))
            {
                Assert.Equal(1, Parallelism.MaxThreads);
                Assert.Equal(1, Parallelism.ChunksFor(10L * Parallelism.MinParallelElements));
            }

            Assert.Equal(3, Compute.Current.MaxThreads);
        }

        Assert.Equal(outside, Compute.Current.MaxThreads);
    }

    [Fact]
    public void Disposing_a_scope_twice_restores_once()
    {
        using var outer = Compute.WithThreads(2);
        var inner = Compute.WithThreads(1);
        inner.Dispose();
        inner.Dispose();
        Assert.Equal(2, Compute.Current.MaxThreads);
    }

    [Fact]
    public async Task A_scope_on_one_flow_does_not_change_another()
    {
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var other = Task.Run(async () =>
        {
            using (Compute.WithThreads(1))
            {
                entered.Release();
                await release.WaitAsync();
                return Compute.Current.MaxThreads;
            }
        });
        await entered.WaitAsync();
        // The other flow holds a 1-thread scope right now; this one still sees the default.
        Assert.Equal(ComputeOptions.Default.MaxThreads, Compute.Current.MaxThreads);
        release.Release();
        Assert.Equal(1, await other);
    }

    [Fact]
    public void Results_do_not_depend_on_the_thread_limit()
    {
        var n = 3 * Parallelism.MinParallelElements + 5;
        var a = TensorAssert.Random(21, [n]);
        double[] one, all;
        using (Compute.WithThreads(1))
        {
            one = (a * a).Sum().ToDoubleArray();
        }

        using (Compute.WithThreads(Math.Max(2, Environment.ProcessorCount)))
        {
            all = (a * a).Sum().ToDoubleArray();
        }

        Assert.Equal(one[0], all[0], 1e-9 * Math.Abs(one[0]));
    }
}
