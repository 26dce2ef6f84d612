using System.Text.Json;

namespace Gradwire.Text;

/// <summary>
/// The characters of a text as token ids for a character language model: the distinct UTF-16 code units,
/// sorted ordinally (so the same text always gives the same ids), id = position in <see cref="Symbols"/>.
/// <see cref="Serialize"/> / <see cref="Parse"/> store it beside a model (a checkpoint's metadata).
/// </summary>
public sealed class CharVocabulary
{
    private readonly char[] _symbols;
    private readonly Dictionary<char, int> _ids;

    private CharVocabulary(char[] symbols)
    {
        _symbols = symbols;
        _ids = new Dictionary<char, int>(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (!_ids.TryAdd(symbols[i], i))
            {
                throw new ArgumentException($"CharVocabulary: symbol U+{(int)symbols[i]:X4} appears twice.", nameof(symbols));
            }
        }
    }

    /// <summary>The symbols, id order.</summary>
    public IReadOnlyList<char> Symbols => _symbols;

    /// <summary>Number of symbols (the model's vocabulary size).</summary>
    public int Count => _symbols.Length;

    /// <summary>The vocabulary of every character in <paramref name="text"/>.</summary>
    public static CharVocabulary FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new ArgumentException("CharVocabulary: the text is empty.", nameof(text));
        }

        var seen = new HashSet<char>(text);
        var symbols = new char[seen.Count];
        seen.CopyTo(symbols);
        Array.Sort(symbols);
        return new CharVocabulary(symbols);
    }

    /// <summary>The id of <paramref name="symbol"/>, or −1 when it is not in the vocabulary.</summary>
    public int IdOf(char symbol) => _ids.TryGetValue(symbol, out var id) ? id : -1;

    /// <summary>The ids of <paramref name="text"/>; an unknown character throws, naming it and its position.</summary>
    public long[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new long[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            if (!_ids.TryGetValue(text[i], out var id))
            {
                throw new ArgumentException(
                    $"CharVocabulary: character U+{(int)text[i]:X4} at position {i} is not in the vocabulary of {Count} symbols.", nameof(text));
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>; an id outside [0, Count) throws.</summary>
    public string Decode(ReadOnlySpan<long> ids)
    {
        var chars = new char[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if ((ulong)ids[i] >= (ulong)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"CharVocabulary: id {ids[i]} at position {i} is outside [0, {Count}).");
            }

            chars[i] = _symbols[ids[i]];
        }

        return new string(chars);
    }

    /// <summary>A JSON array of the symbols' code units, id order (what <see cref="Parse"/> reads).</summary>
    public string Serialize()
    {
        var codes = new int[_symbols.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = _symbols[i];
        }

        return JsonSerializer.Serialize(codes);
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; the symbols must be distinct and sorted.</summary>
    public static CharVocabulary Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        int[]? codes;
        try
        {
            codes = JsonSerializer.Deserialize<int[]>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"CharVocabulary: the saved vocabulary is not a JSON array of code units: {e.Message}", e);
        }

        if (codes is null || codes.Length == 0)
        {
            throw new FormatException("CharVocabulary: the saved vocabulary is empty.");
        }

        var symbols = new char[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] is < 0 or > char.MaxValue || (i > 0 && codes[i] <= codes[i - 1]))
            {
                throw new FormatException($"CharVocabulary: saved code {codes[i]} at position {i} is out of range or not in increasing order.");
            }

            symbols[i] = (char)codes[i];
        }

        return new CharVocabulary(symbols);
    }
}
