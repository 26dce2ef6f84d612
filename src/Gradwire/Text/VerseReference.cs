using System.Globalization;

namespace Gradwire.Text;

/// <summary>A Bible verse reference: OSIS book abbreviation (<c>Gen</c>, <c>Matt</c>), chapter and verse, both from 1.</summary>
public readonly record struct VerseReference(string Book, int Chapter, int Verse)
{
    /// <summary>The OSIS form, <c>Gen.1.1</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Book}.{Chapter}.{Verse}");
}
