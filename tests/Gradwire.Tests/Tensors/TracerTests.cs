using Gradwire.Backends;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>The dispatcher's tracer hook sees every op in order, with or without gradients, and nothing when unset.</summary>
public sealed class TracerTests
{
    private sealed class Recorder : IOpTracer
    {
        public List<string> Ops { get; } = [];

        public List<string> Attributes { get; } = [];

        public List<int> InputCounts { get; } = [];

        public void Record(string kind, string attributes, ReadOnlySpan<Tensor> inputs, Tensor output)
        {
            Ops.Add(kind);
            Attributes.Add(attributes);
            InputCounts.Add(inputs.Length);
        }
    }

    [Fact]
    public void A_traced_mlp_forward_records_its_ops_in_order_even_under_no_grad()
    {
        var generator = new Generator(3);
        var first = new Linear(2, 8, generator);
        var second = new Linear(8, 1, generator);
        var x = Tensor.Ones([4, 2]);
        var recorder = new Recorder();
        using (Dispatch.Trace(recorder))
        using (Tensor.NoGrad())
        {
            var y = second.Forward(first.Forward(x).Relu()).Sigmoid().Sum(0);
            Assert.Equal([1], y.Shape.Dims.ToArray());
        }

        Assert.Equal(["linear", "relu", "linear", "sigmoid", "sum"], recorder.Ops);
        Assert.Equal([3, 1, 3, 1, 1], recorder.InputCounts);
        Assert.Equal("axes=[0], keep_dim=False", recorder.Attributes[^1]);

        // After the scope nothing is recorded.
        _ = x.Exp();
        Assert.Equal(5, recorder.Ops.Count);
    }

    [Fact]
    public void Tracing_sees_scalars_comparisons_indexing_and_views_with_their_attributes()
    {
        var recorder = new Recorder();
        var x = Tensor.FromArray([3.0, 1, 2]);
        using (Dispatch.Trace(recorder))
        {
            var m = (x * 2).Gt(2);
            _ = Tensor.Where(m, x, x.Neg()).Reshape(3, 1).Gather(0, Tensor.Zeros([1, 1], DType.Int64));
        }

        Assert.Equal(["mul", "gt", "neg", "where", "reshape", "gather"], recorder.Ops);
        Assert.Equal("scalar=2, scalar_first=False", recorder.Attributes[0]);
        Assert.Equal("axis=0", recorder.Attributes[^1]);
    }
}
