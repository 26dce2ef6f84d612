namespace Gradwire.Data.Translation;

/// <summary>One aligned pair: a source segment and its translation.</summary>
/// <param name="Source">The source-language text.</param>
/// <param name="Target">The target-language text.</param>
public readonly record struct SentencePair(string Source, string Target);
