using Gradwire.Tensors;

namespace Gradwire.Data;

/// <summary>
/// One mini-batch from a <see cref="DataLoader"/>: <see cref="Size"/> samples gathered into contiguous row-major
/// buffers, ready to be wrapped by a tensor of shape <see cref="FeatureShape"/>.
/// </summary>
/// <remarks>
/// The buffers belong to the loader and are overwritten by the next batch (that is what keeps a training loop
/// free of per-batch allocations): copy anything you need to keep. Every array has exactly the batch's length
/// (the shorter last batch of an epoch has buffers of its own), so <c>Features.Length == Size × SampleSize</c>.
/// </remarks>
public sealed class Batch
{
    private readonly long[] _labelValues;

    internal Batch(int size, IReadOnlyList<int> sampleShape, bool hasLabels, int targetSize, IReadOnlyList<int> targetShape)
    {
        Size = size;
        int sampleSize = 1;
        foreach (int d in sampleShape) sampleSize *= d;
        Features = new float[size * sampleSize];
        FeatureShape = [size, .. sampleShape];
        Indices = new int[size];
        Labels = hasLabels ? new int[size] : [];
        _labelValues = hasLabels ? new long[size] : [];
        LabelTensor = hasLabels
            ? new Tensor(Storage<long>.Wrap(_labelValues), [size], Tensor.ContiguousStrides([size]), 0, register: false)
            : null;
        Targets = hasLabels ? [] : new float[size * targetSize];
        TargetShape = hasLabels ? [] : [size, .. targetShape];
    }

    /// <summary>Number of samples in this batch.</summary>
    public int Size { get; }

    /// <summary>The epoch this batch belongs to.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Position of this batch within its epoch (0, 1, ...).</summary>
    public int BatchIndex { get; internal set; }

    /// <summary>Features, <c>Size × SampleSize</c> floats row-major (owned by the loader; see remarks).</summary>
    public float[] Features { get; }

    /// <summary>Shape of <see cref="Features"/> as a tensor: <c>[Size, ..SampleShape]</c>.</summary>
    public int[] FeatureShape { get; }

    /// <summary>Class label of each sample; empty for a regression dataset. The same labels as a tensor: <see cref="LabelTensor"/>.</summary>
    public int[] Labels { get; }

    /// <summary>
    /// The class labels as an int64 tensor of shape <c>[Size]</c> (PyTorch's target dtype for
    /// <c>cross_entropy</c>, <c>nll_loss</c>, <c>Gather</c> and <c>OneHot</c>); null for a regression dataset. Like the
    /// arrays it is owned by the loader and holds the next batch's labels after the next batch is produced.
    /// </summary>
    public Tensor? LabelTensor { get; }

    /// <summary>Regression targets, <c>Size × TargetSize</c> floats; empty for a classification dataset.</summary>
    public float[] Targets { get; }

    /// <summary>Shape of <see cref="Targets"/> as a tensor: <c>[Size, ..TargetShape]</c>; empty for class labels.</summary>
    public int[] TargetShape { get; }

    /// <summary>The dataset index of each sample in this batch.</summary>
    public int[] Indices { get; }

    /// <summary>Copies <see cref="Labels"/> into <see cref="LabelTensor"/>'s buffer (the loader calls it once per batch).</summary>
    internal void SyncLabelTensor()
    {
        if (LabelTensor is null)
        {
            return;
        }

        for (var i = 0; i < Labels.Length; i++)
        {
            _labelValues[i] = Labels[i];
        }

        LabelTensor.BumpVersion();
    }
}
