namespace Gradwire.Data;

/// <summary>A built-in dataset name and what it loads, for listings and help texts.</summary>
/// <param name="Name">The name <see cref="DatasetRegistry.Load"/> accepts ("csv:PATH" stands for any path).</param>
/// <param name="Summary">One line: what the set is and how its test set is made.</param>
public sealed record DatasetInfo(string Name, string Summary);
