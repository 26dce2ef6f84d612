namespace Gradwire.Text;

/// <summary>One verse of a <see cref="SwordModule"/>: its position, reference and plain text (empty when the module has none).</summary>
/// <param name="Index">Position among the module's verses, Old Testament first (KJV versification: Gen 1:1 is 0, 31,102 in all).</param>
/// <param name="Reference">Book, chapter and verse.</param>
/// <param name="Text">The verse as plain text: markup, notes and titles removed, whitespace collapsed.</param>
public sealed record Verse(int Index, VerseReference Reference, string Text);
