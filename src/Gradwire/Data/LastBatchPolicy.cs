namespace Gradwire.Data;

/// <summary>What a <see cref="DataLoader"/> does with the last, incomplete batch of an epoch.</summary>
public enum LastBatchPolicy
{
    /// <summary>Yield it, smaller than the others (PyTorch's <c>drop_last=False</c>).</summary>
    Keep,

    /// <summary>Leave it out, so every batch has exactly the batch size (<c>drop_last=True</c>).</summary>
    Drop,
}
