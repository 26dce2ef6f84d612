namespace Gradwire.Data;

/// <summary>
/// Walks a <see cref="Dataset"/> in mini-batches, epoch after epoch: seeded shuffling, a fixed batch size and a
/// <see cref="LastBatchPolicy"/> for the remainder.
/// </summary>
/// <remarks>
/// <para>The order of epoch <c>e</c> is a permutation drawn from a <see cref="MersenneTwister"/> keyed with
/// <c>[seed, e]</c>: it depends only on the seed and the epoch number, so it is the same on every machine, and a
/// run resumed at epoch <c>e</c> (and batch <c>b</c>) sees exactly the batches an uninterrupted run would.</para>
/// <para>Steady state allocates nothing per batch: the loader owns two <see cref="Batch"/> objects (full size
/// and, when the last batch is kept and shorter, the remainder size) and an order buffer, and overwrites them.
/// One enumeration at a time per loader.</para>
/// </remarks>
public sealed class DataLoader
{
    private readonly int[] _order;
    private Batch? _full;
    private Batch? _tail;

    /// <summary>Creates a loader.</summary>
    /// <param name="dataset">The samples to walk.</param>
    /// <param name="batchSize">Samples per batch (≥ 1).</param>
    /// <param name="shuffle">Whether each epoch visits the samples in a fresh seeded random order; otherwise 0, 1, 2, ...</param>
    /// <param name="seed">Seed of the shuffling (any int; used as its 32-bit pattern).</param>
    /// <param name="lastBatch">Keep or drop the incomplete last batch.</param>
    public DataLoader(Dataset dataset, int batchSize, bool shuffle = true, int seed = 0, LastBatchPolicy lastBatch = LastBatchPolicy.Keep)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be ≥ 1.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        LastBatch = lastBatch;
        _order = new int[dataset.Count];
        int remainder = dataset.Count % batchSize;
        BatchesPerEpoch = dataset.Count / batchSize + (remainder != 0 && lastBatch == LastBatchPolicy.Keep ? 1 : 0);
    }

    /// <summary>The dataset walked.</summary>
    public Dataset Dataset { get; }

    /// <summary>Samples per (full) batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether epochs are shuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>The shuffling seed.</summary>
    public int Seed { get; }

    /// <summary>What happens to the incomplete last batch.</summary>
    public LastBatchPolicy LastBatch { get; }

    /// <summary>Number of batches each epoch yields.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Number of samples each epoch yields (all of them, or fewer when the last batch is dropped).</summary>
    public int SamplesPerEpoch => LastBatch == LastBatchPolicy.Keep ? Dataset.Count : BatchesPerEpoch * BatchSize;

    /// <summary>The order in which epoch <paramref name="epoch"/> visits the dataset (a new array).</summary>
    public int[] EpochOrder(int epoch)
    {
        var order = new int[Dataset.Count];
        FillOrder(epoch, order);
        return order;
    }

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/>, starting at batch <paramref name="firstBatch"/> (to resume
    /// mid-epoch). Each yielded <see cref="Batch"/> is reused by the next one.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch, int firstBatch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if ((uint)firstBatch > (uint)BatchesPerEpoch)
            throw new ArgumentOutOfRangeException(
                nameof(firstBatch), firstBatch, $"An epoch of this loader has {BatchesPerEpoch} batches.");
        return Iterate(epoch, firstBatch);
    }

    private IEnumerable<Batch> Iterate(int epoch, int firstBatch)
    {
        FillOrder(epoch, _order);
        for (int b = firstBatch; b < BatchesPerEpoch; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, Dataset.Count - start);
            Batch batch = size == BatchSize ? (_full ??= NewBatch(size)) : (_tail ??= NewBatch(size));
            Gather(batch, start);
            batch.Epoch = epoch;
            batch.BatchIndex = b;
            yield return batch;
        }
    }

    private Batch NewBatch(int size) => new(
        size, Dataset.SampleShape, Dataset.TargetKind == TargetKind.ClassLabels, Dataset.TargetSize, Dataset.TargetShape);

    private void Gather(Batch batch, int start)
    {
        var order = _order.AsSpan(start, batch.Size);
        order.CopyTo(batch.Indices);
        var features = Dataset.Features;
        int sampleSize = Dataset.SampleSize;
        var destination = batch.Features.AsSpan();
        for (int i = 0; i < order.Length; i++)
            features.Slice(order[i] * sampleSize, sampleSize).CopyTo(destination.Slice(i * sampleSize, sampleSize));

        if (Dataset.TargetKind == TargetKind.ClassLabels)
        {
            var labels = Dataset.Labels;
            var labelsOut = batch.Labels;
            for (int i = 0; i < order.Length; i++) labelsOut[i] = labels[order[i]];
            batch.SyncLabelTensor();
        }
        else
        {
            var targets = Dataset.Targets;
            int targetSize = Dataset.TargetSize;
            var targetsOut = batch.Targets.AsSpan();
            for (int i = 0; i < order.Length; i++)
                targets.Slice(order[i] * targetSize, targetSize).CopyTo(targetsOut.Slice(i * targetSize, targetSize));
        }
    }

    private void FillOrder(int epoch, Span<int> order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (!Shuffle) return;
        ReadOnlySpan<uint> key = [unchecked((uint)Seed), (uint)epoch];
        new MersenneTwister(key).Shuffle(order);
    }
}
