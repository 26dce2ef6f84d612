namespace Gradwire.Data.Translation;

/// <summary>
/// Where the verses of a Bible module come from: the SWORD reader (or, in tests, a list). Verse i of every module
/// is the same reference (the KJV versification), so two modules align by index.
/// </summary>
public interface IVerseSource
{
    /// <summary>The plain text of every verse of <paramref name="module"/> (e.g. "KJV", "SpaRV"), in canonical order.</summary>
    IReadOnlyList<string> Verses(string module);
}
