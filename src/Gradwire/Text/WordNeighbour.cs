namespace Gradwire.Text;

/// <summary>A word and its cosine similarity to a query.</summary>
public readonly record struct WordNeighbour(string Word, float Similarity);
