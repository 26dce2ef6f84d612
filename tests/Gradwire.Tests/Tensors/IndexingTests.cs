using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

public sealed class IndexingTests
{
    [Fact]
    public void Gather_picks_one_entry_per_row_like_cross_entropy_needs()
    {
        var logits = Tensor.Arange(12, DType.Float64).Reshape(3, 4);
        var targets = Tensor.FromArray([2L, 0, 3]);
        TensorAssert.Values([2, 4, 11], logits.Gather(1, targets.Unsqueeze(1)));
        TensorAssert.Values([8, 1, 6, 11], logits.Gather(0, Tensor.FromArray([2L, 0, 1, 2], [1, 4])));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => logits.Gather(1, Tensor.FromArray([4L], [1, 1])));
        Assert.Contains("gather: index 4 is out of range for axis 1 of size 4", e.Message);
    }

    [Fact]
    public void ScatterAdd_accumulates_repeated_indices()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64);
        var index = Tensor.FromArray([0L, 0, 2, 1, 1, 1], [2, 3]);
        var src = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]);
        TensorAssert.Values([3, 0, 3, 0, 15, 0], x.ScatterAdd(1, index, src));
    }

    [Fact]
    public void IndexSelect_and_OneHot()
    {
        var x = Tensor.Arange(12, DType.Float64).Reshape(4, 3);
        TensorAssert.Values([9, 10, 11, 0, 1, 2, 9, 10, 11], x.IndexSelect(0, [3, 0, 3]));
        TensorAssert.Values([2, 1, 5, 4, 8, 7, 11, 10], x.IndexSelect(1, Tensor.FromArray([2L, 1])));
        TensorAssert.Values([0, 1, 0, 1, 0, 0, 0, 0, 1], Tensor.OneHot([1, 0, 2], 3));
        TensorAssert.Shape([2, 2, 4], Tensor.OneHot(Tensor.FromArray([0L, 1, 2, 3], [2, 2]), 4));
        Assert.Contains("one_hot: index 3 is out of range for 3 classes", Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.OneHot([3], 3)).Message);
        Assert.Contains("index_select: index 4 is out of range for axis 0 of size 4", Assert.Throws<ArgumentOutOfRangeException>(() => x.IndexSelect(0, [4])).Message);
    }

    [Fact]
    public void Concat_stack_split_and_chunk_round_trip()
    {
        var a = Tensor.Arange(6, DType.Float64).Reshape(2, 3);
        var b = Tensor.Arange(6, 10, dtype: DType.Float64).Reshape(2, 2);
        var c = Tensor.Concat([a, b], 1);
        TensorAssert.Values([0, 1, 2, 6, 7, 3, 4, 5, 8, 9], c);
        var parts = c.Split([3, 2], 1);
        TensorAssert.Close(a, parts[0]);
        TensorAssert.Close(b, parts[1]);
        var s = Tensor.Stack([a, a * 2], 1);
        TensorAssert.Shape([2, 2, 3], s);
        TensorAssert.Values([0, 1, 2, 0, 2, 4, 3, 4, 5, 6, 8, 10], s);
        var chunks = Tensor.Arange(7).Chunk(3);
        Assert.Equal(3, chunks.Length);
        TensorAssert.Values([6], chunks[2]);
        Assert.Equal(4, Tensor.Arange(7).Split(2).Length);
        Assert.Contains("all axes except 1 must match", Assert.Throws<ArgumentException>(() => Tensor.Concat([a, Tensor.Zeros([3, 3], DType.Float64)], 1)).Message);
    }
}
