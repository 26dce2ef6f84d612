using Gradwire.Autograd;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// The fused conv2d and max-pool nodes against their tensor-op twins (the composite forward, and the recorded
/// backward used under createGraph), thread-count independence, and a conv training step's allocations.
/// </summary>
[Collection(nameof(BufferPoolCollection))]
public sealed class ConvFusedTests
{
    public static TheoryData<int, int, int, int, int, int, int, bool> Geometries => new()
    {
        // n, c, o, k, stride, padding, dilation/groups code, bias
        { 2, 3, 4, 3, 1, 1, 1, true },
        { 3, 2, 5, 5, 1, 2, 1, false },
        { 2, 4, 6, 3, 2, 0, 1, true },
        { 1, 3, 2, 2, 1, 1, 2, true },   // dilation 2
        { 2, 4, 6, 3, 1, 1, -2, true },  // groups 2
        { 2, 6, 6, 3, 2, 1, -3, false }, // groups 3 (depthwise-like), stride 2
    };

    private static Tensor Conv(Tensor x, Tensor w, Tensor? b, int stride, int padding, int code) =>
        Functional.Conv2d(x, w, b, stride, padding, dilation: code > 0 ? code : 1, groups: code < 0 ? -code : 1);

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Fused_conv2d_forward_and_backward_equal_the_tensor_op_twin(int n, int c, int o, int k, int stride, int padding, int code, bool bias)
    {
        var groups = code < 0 ? -code : 1;
        var x = TensorAssert.Random(1, [n, c, 7, 6]);
        var w = TensorAssert.Random(2, [o, c / groups, k, k]);
        var b = bias ? TensorAssert.Random(3, [o]) : null;
        x.RequiresGrad = w.RequiresGrad = true;
        if (b is not null)
        {
            b.RequiresGrad = true;
        }

        var y = Conv(x, w, b, stride, padding, code);
        var g = new ConvGeometry(c, 7, 6, k, k, stride, stride, padding, padding, code > 0 ? code : 1, code > 0 ? code : 1, y.Shape[2], y.Shape[3]);
        var yTwin = ConvFunctions.Conv2dComposite(x, w, b, g, groups);
        TensorAssert.Close(yTwin, y, 1e-12);

        var r = TensorAssert.Random(4, y.ShapeArray);
        Tensor[] inputs = b is null ? [x, w] : [x, w, b];
        var fused = Diff.Gradients([(y * r).Sum()], inputs);
        var twin = Diff.Gradients([(Conv(x, w, b, stride, padding, code) * r).Sum()], inputs, createGraph: true);
        var composite = Diff.Gradients([(yTwin * r).Sum()], inputs);
        for (var i = 0; i < inputs.Length; i++)
        {
            TensorAssert.Close(composite[i], fused[i], 1e-12);
            TensorAssert.Close(composite[i], twin[i], 1e-12);
        }
    }

    [Fact]
    public void Fused_conv2d_gives_the_same_float32_numbers_on_one_and_two_threads()
    {
        // Large enough that the batch is split across threads (the recipe's second conv layer).
        var gen = new Generator(7);
        var x = Tensor.Uniform([16, 8, 14, 14], gen);
        var w = Tensor.Uniform([16, 8, 5, 5], gen);
        var b = Tensor.Uniform([16], gen);
        var r = Tensor.Uniform([16, 16, 7, 7], gen);
        x.RequiresGrad = w.RequiresGrad = b.RequiresGrad = true;

        float[][] Run(int threads)
        {
            using (Compute.WithThreads(threads))
            {
                var y = Functional.Conv2d(x, w, b, padding: 2);
                var p = Functional.MaxPool2d(y.Relu(), 2);
                var grads = Diff.Gradients([(p * r).Sum()], [x, w, b]);
                return [y.Contiguous().ToArray<float>(), grads[0].ToArray<float>(), grads[1].ToArray<float>(), grads[2].ToArray<float>()];
            }
        }

        var one = Run(1);
        var two = Run(2);
        for (var i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i], two[i]);
        }
    }

    [Fact]
    public void Fused_max_pool_backward_equals_the_recorded_twin_with_overlapping_windows()
    {
        // Stride 1 with a 3×3 window: one input is the maximum of several windows and gets their gradients summed.
        var x = Tensor.Arange(0, 2 * 3 * 6 * 5, 1, DType.Float64).Cos().Reshape(2, 3, 6, 5);
        x.RequiresGrad = true;
        var r = TensorAssert.Random(5, [2, 3, 6, 5]);
        var fused = Diff.Gradients([(Functional.MaxPool2d(x, 3, 1, 1) * r).Sum()], [x])[0];
        var twin = Diff.Gradients([(Functional.MaxPool2d(x, 3, 1, 1) * r).Sum()], [x], createGraph: true)[0];
        TensorAssert.Close(twin, fused, 1e-15);
        var (values, indices) = Functional.MaxPool2dWithIndices(x, 3, 1, 1);
        var gathered = x.Reshape(2, 3, 30).Gather(2, indices.Reshape(2, 3, 30)).Reshape(2, 3, 6, 5);
        TensorAssert.Close(gathered, values, 0);
    }

    [Fact]
    public void A_conv_training_step_in_steady_state_allocates_no_pooled_buffer_and_few_bytes()
    {
        var gen = new Generator(3);
        var net = CnnSpec.Build("cnn:8c5-p2-16c5-p2-fc10", (1, 28, 28), 10, gen);
        var parameters = net.Parameters().Select(p => p.Value).ToArray();
        var velocity = Array.ConvertAll(parameters, Tensor.ZerosLike);
        var x = Tensor.Uniform([32, 784], gen);
        var targets = Tensor.FromArray(Enumerable.Range(0, 32).Select(i => (long)(i % 10)).ToArray());

        double Step()
        {
            using var scope = TensorScope.Begin();
            var loss = Losses.CrossEntropy(net.Forward(x), targets);
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
                    parameters[i].AddInPlace(velocity[i], alpha: -0.05);
                }
            }

            return loss.Item();
        }

        using (Compute.WithThreads(1))
        {
            var first = Step();
            for (var i = 0; i < 3; i++)
            {
                Step();
            }

            var allocated = BufferPool<float>.Allocated;
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            double last = 0;
            for (var i = 0; i < 5; i++)
            {
                last = Step();
            }

            var perStep = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 5;
            Assert.Equal(allocated, BufferPool<float>.Allocated);

            // Headers, shapes and tape nodes only: one batch-sized array would be 100 KB or more.
            Assert.True(perStep < 64 * 1024, $"a step allocated {perStep} bytes");
            Assert.True(last < first, $"loss went from {first} to {last}");
        }
    }
}
