using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>Bad input gives an error that names what is wrong, never a bare IndexOutOfRangeException.</summary>
public sealed class ErrorTests
{
    public static TheoryData<string> BadCalls => new()
    {
        "sum-axis", "mean-axis", "softmax-axis", "cumsum-axis", "argmax-axis", "squeeze-size", "unsqueeze-axis",
        "permute-twice", "permute-rank", "slice-step", "narrow-range", "select-range", "index-rank", "index-range",
        "gather-rank", "gather-index", "scatter-shape", "index-select", "one-hot", "concat-rank", "stack-shape",
        "split-sizes", "chunk-count", "reshape", "expand", "view", "matmul-scalar", "matmul-inner", "backward-shape",
        "grad-shape", "item", "from-array", "in-place-broadcast", "where-broadcast", "size", "shape-index",
        "xavier-rank", "transpose-axis", "flatten-order",
    };

    public static TheoryData<string> InPlaceOps => new() { "AddInPlace", "SubInPlace", "MulInPlace", "DivInPlace", "CopyFrom" };

    [Theory]
    [MemberData(nameof(InPlaceOps))]
    public void In_place_op_with_an_operand_that_requires_grad_throws_while_recording(string op)
    {
        var x = Tensor.Ones([3], DType.Float64);
        var w = Tensor.Ones([3], DType.Float64);
        w.RequiresGrad = true;
        var error = Assert.Throws<InvalidOperationException>(() => Apply(op, x, w));
        Assert.Contains($"{op}: the other operand requires grad", error.Message, StringComparison.Ordinal);

        using (Tensor.NoGrad())
        {
            Apply(op, x, w);
        }
    }

    [Theory]
    [MemberData(nameof(InPlaceOps))]
    public void In_place_write_through_an_expanded_view_throws_naming_the_op_and_shape(string op)
    {
        var expanded = Tensor.Ones([1, 3], DType.Float64).Expand(2, 3);
        var error = Assert.Throws<InvalidOperationException>(() => Apply(op, expanded, Tensor.Ones([2, 3], DType.Float64)));
        Assert.Contains(op, error.Message, StringComparison.Ordinal);
        Assert.Contains(expanded.Shape.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("more than one element of the written-to tensor refers to a single memory location", error.Message, StringComparison.Ordinal);

        // A broadcast axis of size 1 (stride 0 allowed) is still writable.
        Apply(op, Tensor.Ones([3], DType.Float64).Expand(1, 3), Tensor.Ones([1, 3], DType.Float64));
    }

    private static void Apply(string op, Tensor target, Tensor other) => _ = op switch
    {
        "AddInPlace" => target.AddInPlace(other),
        "SubInPlace" => target.SubInPlace(other),
        "MulInPlace" => target.MulInPlace(other),
        "DivInPlace" => target.DivInPlace(other),
        _ => target.CopyFrom(other),
    };

    [Theory]
    [MemberData(nameof(BadCalls))]
    public void Bad_input_is_an_argument_or_invalid_operation_error_with_a_message(string call)
    {
        var x = Tensor.Arange(12, DType.Float64).Reshape(3, 4);
        var w = Tensor.Ones([3, 4], DType.Float64);
        w.RequiresGrad = true;
        Action action = call switch
        {
            "sum-axis" => () => x.Sum(2),
            "mean-axis" => () => x.Mean(-3),
            "softmax-axis" => () => x.Softmax(5),
            "cumsum-axis" => () => x.CumSum(2),
            "argmax-axis" => () => x.ArgMax(2),
            "squeeze-size" => () => x.Squeeze(0),
            "unsqueeze-axis" => () => x.Unsqueeze(4),
            "permute-twice" => () => x.Permute(0, 0),
            "permute-rank" => () => x.Permute(0),
            "slice-step" => () => x.Slice(0, 0, 3, 0),
            "narrow-range" => () => x.Narrow(0, 2, 2),
            "select-range" => () => x.Select(1, -5),
            "index-rank" => () => _ = x[1],
            "index-range" => () => _ = x[3, 0],
            "gather-rank" => () => x.Gather(1, Tensor.Zeros([3], DType.Int64)),
            "gather-index" => () => x.Gather(1, Tensor.Full([3, 1], 7, DType.Int64)),
            "scatter-shape" => () => x.ScatterAdd(1, Tensor.Zeros([3, 1], DType.Int64), Tensor.Zeros([3, 2], DType.Float64)),
            "index-select" => () => x.IndexSelect(1, [-1]),
            "one-hot" => () => Tensor.OneHot([-1], 3),
            "concat-rank" => () => Tensor.Concat([x, Tensor.Zeros([4], DType.Float64)]),
            "stack-shape" => () => Tensor.Stack([x, x.MT]),
            "split-sizes" => () => x.Split([1, 1], 0),
            "chunk-count" => () => x.Chunk(0),
            "reshape" => () => x.Reshape(5, 5),
            "expand" => () => x.Expand(4),
            "view" => () => x.MT.View(-1),
            "matmul-scalar" => () => x.MatMul(Tensor.Scalar(2, DType.Float64)),
            "matmul-inner" => () => x.MatMul(x),
            "backward-shape" => () => (w * 2).Backward(Tensor.Ones([4], DType.Float64)),
            "grad-shape" => () => w.Grad = Tensor.Ones([4], DType.Float64),
            "item" => () => x.Item(),
            "from-array" => () => Tensor.FromArray(new double[3], [2, 2]),
            "in-place-broadcast" => () => x.AddInPlace(Tensor.Ones([2, 3, 4], DType.Float64)),
            "where-broadcast" => () => Tensor.Where(x.Gt(3), x, Tensor.Ones([5], DType.Float64)),
            "size" => () => x.Size(2),
            "shape-index" => () => _ = x.Shape[-3],
            "xavier-rank" => () => Tensor.XavierNormal([3], new Generator(1)),
            "transpose-axis" => () => x.Transpose(0, -3),
            "flatten-order" => () => x.Flatten(1, 0),
            _ => throw new ArgumentException(call),
        };

        var e = Record.Exception(action);
        Assert.NotNull(e);
        Assert.True(e is ArgumentException or InvalidOperationException, $"{call}: {e.GetType().Name}: {e.Message}");
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
