namespace Gradwire.Data;

/// <summary>A dataset cut in two disjoint parts: the samples to train on and the held-out samples to test on.</summary>
/// <param name="Train">The training part.</param>
/// <param name="Test">The held-out part (a validation or test set).</param>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
