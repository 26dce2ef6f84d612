using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

[CollectionDefinition(nameof(BufferPoolCollection), DisableParallelization = true)]
public sealed class BufferPoolCollection;

/// <summary>Pooling and scopes. Runs alone: the pool's counters are process-wide.</summary>
[Collection(nameof(BufferPoolCollection))]
public sealed class MemoryTests
{
    [Fact]
    public void A_training_step_in_steady_state_takes_every_large_buffer_from_the_pool()
    {
        var g = new Generator(5);
        var w1 = Tensor.KaimingUniform([64, 32], g);
        var b1 = Tensor.Zeros([64]);
        var w2 = Tensor.KaimingUniform([10, 64], g);
        w1.RequiresGrad = b1.RequiresGrad = w2.RequiresGrad = true;
        Tensor[] parameters = [w1, b1, w2];
        var velocity = Array.ConvertAll(parameters, Tensor.ZerosLike);
        var x = Tensor.Uniform([128, 32], g);
        var targets = Tensor.FromArray(Enumerable.Range(0, 128).Select(i => (long)(i % 10)).ToArray()).Unsqueeze(1);

        double Step()
        {
            using var scope = TensorScope.Begin();
            var h = (x.MatMul(w1.MT) + b1).Relu();
            var loss = -h.MatMul(w2.MT).LogSoftmax(1).Gather(1, targets).Mean();
            foreach (var p in parameters)
            {
                p.ZeroGrad();
            }

            loss.Backward();
            using (Tensor.NoGrad())
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    velocity[i].MulInPlace(0.9).AddInPlace(parameters[i].Grad!);
                    parameters[i].AddInPlace(velocity[i], alpha: -0.1);
                }
            }

            return loss.Item();
        }

        var first = Step();
        for (var i = 0; i < 3; i++)
        {
            Step();
        }

        var allocated = BufferPool<float>.Allocated;
        var reused = BufferPool<float>.Reused;
        double last = 0;
        for (var i = 0; i < 5; i++)
        {
            last = Step();
        }

        Assert.Equal(allocated, BufferPool<float>.Allocated);
        Assert.True(BufferPool<float>.Reused > reused);
        Assert.True(last < first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void A_scope_disposes_what_it_made_except_tensors_moved_out()
    {
        Tensor kept, moved, inner;
        var outside = Tensor.Ones([300]);
        using (var outer = TensorScope.Begin())
        {
            using (TensorScope.Begin())
            {
                inner = outside * 2;
                kept = (outside * 3).DetachFromScope();
                moved = (outside * 4).MoveToOuterScope();
            }

            Assert.True(inner.IsDisposed);
            Assert.False(moved.IsDisposed);
            Assert.Equal(4, moved[0]);
        }

        Assert.True(moved.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.False(outside.IsDisposed);
        Assert.Equal(3, kept[299]);
    }

    [Fact]
    public void Using_a_disposed_tensor_is_a_clear_error_and_views_keep_storage_alive()
    {
        var x = Tensor.Arange(400);
        var view = x.Narrow(0, 10, 5);
        x.Dispose();
        Assert.Equal(10, view[0]);
        var e = Assert.Throws<ObjectDisposedException>(() => x.Sum());
        Assert.Contains("shape [400] was disposed", e.Message);
        Assert.Contains("<disposed>", x.ToString());
        x.Dispose();
    }

    [Fact]
    public void Backward_after_a_saved_tensor_was_disposed_names_the_op()
    {
        var w = Tensor.Ones([300]);
        w.RequiresGrad = true;
        Tensor loss;
        var scope = TensorScope.Begin();
        var a = Tensor.Full([300], 2);
        loss = (w * a).Sum().MoveToOuterScope();
        scope.Dispose();
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("mul: a tensor of shape [300] saved for backward was disposed", e.Message);
    }

    [Fact]
    public void NoGrad_inference_records_no_nodes()
    {
        var w = Tensor.Ones([4, 4]);
        w.RequiresGrad = true;
        using var _ = Tensor.NoGrad();
        var y = w.MatMul(w).Relu().Sum();
        Assert.True(y.IsLeaf);
        Assert.False(y.RequiresGrad);
    }
}
