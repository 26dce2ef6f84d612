namespace Gradwire.Data.Translation;

/// <summary>
/// An aligned parallel corpus split by position, as issue 10 fixes it for the Bible: the last
/// <c>testCount</c> pairs are the test set, the <c>validationCount</c> before them validation, the rest training.
/// No shuffling, so the split is the same everywhere and the test verses (the end of Revelation for the Bible) are
/// never seen in training.
/// </summary>
public sealed class ParallelCorpus
{
    /// <summary>The verse pairs issue 10 gives for KJV ↔ Reina-Valera 1909 (see ../shared/data/SWORD.md).</summary>
    public const int BibleVersePairs = 31084;

    private ParallelCorpus(SentencePair[] train, SentencePair[] validation, SentencePair[] test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The training pairs (everything before validation).</summary>
    public IReadOnlyList<SentencePair> Train { get; }

    /// <summary>The validation pairs.</summary>
    public IReadOnlyList<SentencePair> Validation { get; }

    /// <summary>The test pairs (the last ones).</summary>
    public IReadOnlyList<SentencePair> Test { get; }

    /// <summary>
    /// Pairs <paramref name="source"/>[i] with <paramref name="target"/>[i] and splits by position. Lists of
    /// different lengths are an error (they are not aligned); so is a split that leaves no training pairs.
    /// </summary>
    public static ParallelCorpus FromAligned(IReadOnlyList<string> source, IReadOnlyList<string> target,
        int testCount = 2000, int validationCount = 1000)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Count != target.Count)
        {
            throw new ArgumentException(
                $"ParallelCorpus: the source has {source.Count} segments and the target {target.Count}; aligned corpora pair segment i with segment i, so both need the same count.");
        }

        if (testCount < 0 || validationCount < 0 || testCount + validationCount >= source.Count)
        {
            throw new ArgumentException(
                $"ParallelCorpus: test {testCount} + validation {validationCount} pairs leave no training pairs out of {source.Count}; pass smaller counts.");
        }

        int trainCount = source.Count - testCount - validationCount;
        var train = new SentencePair[trainCount];
        var validation = new SentencePair[validationCount];
        var test = new SentencePair[testCount];
        for (int i = 0; i < source.Count; i++)
        {
            var pair = new SentencePair(source[i], target[i]);
            if (i < trainCount)
            {
                train[i] = pair;
            }
            else if (i < trainCount + validationCount)
            {
                validation[i - trainCount] = pair;
            }
            else
            {
                test[i - trainCount - validationCount] = pair;
            }
        }

        return new ParallelCorpus(train, validation, test);
    }

    /// <summary>
    /// King James ↔ Reina-Valera 1909 from <paramref name="verses"/> (modules "KJV" and "SpaRV", same versification):
    /// verse i with verse i, dropping the slots where either text is empty (31,102 slots, 31,084 pairs), English
    /// source and Spanish target (swap the pairs for es→en); test the last 2,000 pairs, validation the 1,000 before.
    /// </summary>
    public static ParallelCorpus KjvReinaValera(IVerseSource verses)
    {
        ArgumentNullException.ThrowIfNull(verses);
        var english = verses.Verses("KJV");
        var spanish = verses.Verses("SpaRV");
        if (english.Count != spanish.Count)
        {
            throw new ArgumentException(
                $"ParallelCorpus: KJV has {english.Count} verses and SpaRV {spanish.Count}; both use the KJV versification, so the counts must agree.");
        }

        var source = new List<string>(english.Count);
        var target = new List<string>(spanish.Count);
        for (int i = 0; i < english.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(english[i]) && !string.IsNullOrWhiteSpace(spanish[i]))
            {
                source.Add(english[i]);
                target.Add(spanish[i]);
            }
        }

        return FromAligned(source, target);
    }

    /// <summary>The installed SWORD Bibles (<c>sword-text-kjv</c>, <c>sword-text-sparv</c>) as <see cref="KjvReinaValera(IVerseSource)"/> pairs them.</summary>
    public static ParallelCorpus KjvReinaValera(string? dataDir = null) => KjvReinaValera(new InstalledSwordVerses(dataDir));

    /// <summary>
    /// The German–English sentence pairs of <c>dict-freedict-deu-eng</c> (<see cref="FreedictDeuEng.Pairs(string?)"/>:
    /// 11,273 in edition 1.9-fd1), German source and English target, split by position like the Bible: test the last
    /// <paramref name="testCount"/> pairs, validation the <paramref name="validationCount"/> before them, training the rest.
    /// </summary>
    /// <exception cref="FileNotFoundException">The dictionary is not installed (the message names the apt package).</exception>
    public static ParallelCorpus FreedictDeuEng(string? directory = null, int testCount = 1000, int validationCount = 500)
    {
        var pairs = Translation.FreedictDeuEng.Pairs(directory);
        var german = new string[pairs.Count];
        var english = new string[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
        {
            (german[i], english[i]) = (pairs[i].Source, pairs[i].Target);
        }

        return FromAligned(german, english, testCount, validationCount);
    }
}
