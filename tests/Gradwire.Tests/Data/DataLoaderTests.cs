using Gradwire.Data;
using Gradwire.Data.Synthetic;

namespace Gradwire.Tests.Data;

public sealed class DataLoaderTests
{
    // Sample i has features [i, 100 + i] and label i % 3, so every batch can be checked against its indices.
    private static Dataset Numbered(int count)
    {
        var features = new float[2 * count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[2 * i + 1] = 100 + i;
            labels[i] = i % 3;
        }

        return Dataset.Classification("numbered", features, [2], labels, 3);
    }

    [Fact]
    public void Unshuffled_batches_walk_the_dataset_in_order_and_keep_the_short_last_batch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, shuffle: false);
        Assert.Equal(3, loader.BatchesPerEpoch);
        var sizes = new List<int>();
        var seen = new List<int>();
        foreach (var batch in loader.Epoch(0))
        {
            sizes.Add(batch.Size);
            Assert.Equal([batch.Size, 2], batch.FeatureShape);
            Assert.Equal(batch.Size * 2, batch.Features.Length);
            for (int i = 0; i < batch.Size; i++)
            {
                int index = batch.Indices[i];
                Assert.Equal(index, batch.Features[2 * i]);
                Assert.Equal(100 + index, batch.Features[2 * i + 1]);
                Assert.Equal(index % 3, batch.Labels[i]);
                seen.Add(index);
            }
        }

        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(Enumerable.Range(0, 10), seen);
    }

    [Fact]
    public void Each_batch_carries_its_labels_as_an_int64_tensor_that_follows_the_batch()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, shuffle: true, seed: 5);
        foreach (var batch in loader.Epoch(1))
        {
            var labels = batch.LabelTensor!;
            Assert.Equal(Gradwire.Tensors.DType.Int64, labels.DType);
            Assert.Equal([batch.Size], labels.Shape.Dims.ToArray());
            Assert.Equal(batch.Indices.Select(i => (long)(i % 3)).ToArray(), labels.ToInt64Array());
        }
    }

    [Fact]
    public void Dropping_the_last_batch_yields_only_full_batches()
    {
        var loader = new DataLoader(Numbered(10), batchSize: 4, seed: 1, lastBatch: LastBatchPolicy.Drop);
        Assert.Equal(2, loader.BatchesPerEpoch);
        Assert.Equal(8, loader.SamplesPerEpoch);
        Assert.All(loader.Epoch(0), b => Assert.Equal(4, b.Size));
        Assert.Equal(2, loader.Epoch(3).Count());
    }

    [Fact]
    public void Each_shuffled_epoch_is_a_permutation_that_depends_only_on_seed_and_epoch()
    {
        var a = new DataLoader(Numbered(50), batchSize: 7, seed: 42);
        var b = new DataLoader(Numbered(50), batchSize: 7, seed: 42);
        var other = new DataLoader(Numbered(50), batchSize: 7, seed: 43);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            int[] order = a.EpochOrder(epoch);
            Assert.Equal(Enumerable.Range(0, 50), order.Order());
            Assert.Equal(order, b.EpochOrder(epoch));
            Assert.Equal(order, a.Epoch(epoch).SelectMany(batch => batch.Indices.ToArray()).ToArray());
        }

        Assert.NotEqual(a.EpochOrder(0), a.EpochOrder(1));
        Assert.NotEqual(a.EpochOrder(0), other.EpochOrder(0));
        Assert.NotEqual(Enumerable.Range(0, 50), a.EpochOrder(0));
    }

    [Fact]
    public void The_epoch_order_is_the_numpy_permutation_of_RandomState_seed_epoch()
    {
        // np.random.RandomState([7, 3]).permutation(10): the loader's order for seed 7, epoch 3.
        var loader = new DataLoader(Numbered(10), batchSize: 3, seed: 7);
        Assert.Equal([7, 4, 1, 6, 8, 3, 5, 2, 9, 0], loader.EpochOrder(3));
    }

    [Fact]
    public void Resuming_at_a_batch_sees_the_same_batches_as_the_uninterrupted_epoch()
    {
        var loader = new DataLoader(Numbered(23), batchSize: 5, seed: 9);
        var all = loader.Epoch(2).Select(b => b.Indices.ToArray()).ToList();
        var resumed = new DataLoader(Numbered(23), batchSize: 5, seed: 9).Epoch(2, firstBatch: 3)
            .Select(b => (b.BatchIndex, Indices: b.Indices.ToArray())).ToList();
        Assert.Equal([3, 4], resumed.Select(r => r.BatchIndex));
        Assert.Equal(all[3], resumed[0].Indices);
        Assert.Equal(all[4], resumed[1].Indices);
    }

    [Fact]
    public void Batches_reuse_their_buffers_instead_of_allocating()
    {
        var loader = new DataLoader(Numbered(20), batchSize: 4, seed: 3);
        var first = loader.Epoch(0).First();
        float[] buffer = first.Features;
        foreach (var batch in loader.Epoch(1))
        {
            Assert.Same(first, batch);
            Assert.Same(buffer, batch.Features);
        }
    }

    [Fact]
    public void Steady_state_batches_allocate_almost_nothing()
    {
        var loader = new DataLoader(Spiral.Create(pointsPerClass: 1000), batchSize: 30, seed: 1);
        foreach (var _ in loader.Epoch(0)) { } // warm up: buffers and JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        int batches = 0;
        foreach (var _ in loader.Epoch(1)) batches++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, batches);
        // One epoch allocates its enumerator and the shuffling generator (2.5 KB of state), nothing per batch:
        // far less than even one batch's buffers (30 × 2 floats + 30 labels + 30 indices ≈ 480 bytes) per batch.
        Assert.True(allocated < 8_000, $"{allocated} bytes allocated for {batches} batches");
    }

    [Fact]
    public void Regression_batches_carry_targets_with_their_shape()
    {
        var ds = Dataset.Regression("r", [0, 1, 2, 3, 4], [1], [0, 10, 1, 11, 2, 12, 3, 13, 4, 14], [2]);
        var batch = new DataLoader(ds, batchSize: 2, shuffle: false).Epoch(0).Last();
        Assert.Equal(1, batch.Size);
        Assert.Equal([1, 2], batch.TargetShape);
        Assert.Equal(new float[] { 4, 14 }, batch.Targets);
        Assert.Empty(batch.Labels);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(Numbered(5), batchSize: 0));
        var loader = new DataLoader(Numbered(5), batchSize: 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => loader.Epoch(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => loader.Epoch(0, firstBatch: 4));
    }
}
