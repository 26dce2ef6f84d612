using System.Globalization;
using Gradwire.Tensors;

namespace Gradwire.Text;

/// <summary>
/// Tokens with their counts, most frequent first (ties in ordinal order of the token, so the ids are deterministic),
/// an optional unknown token at id 0, and a minimum count below which tokens map to the unknown token.
/// </summary>
public sealed class Vocabulary
{
    private readonly string[] _tokens;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens, long[] counts, string? unknownToken)
    {
        _tokens = tokens;
        _counts = counts;
        UnknownToken = unknownToken;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!_ids.TryAdd(tokens[i], i))
            {
                throw new InvalidDataException($"vocabulary: token '{tokens[i]}' appears twice (ids {_ids[tokens[i]]} and {i}).");
            }
        }
    }

    /// <summary>The number of tokens (the unknown token included).</summary>
    public int Count => _tokens.Length;

    /// <summary>The unknown token (id 0) or null when the vocabulary has none.</summary>
    public string? UnknownToken { get; }

    /// <summary>The id of the unknown token: 0, or -1 when there is none.</summary>
    public int UnknownId => UnknownToken is null ? -1 : 0;

    /// <summary>The tokens by id.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>The counts by id (the unknown token's count is the total of the tokens folded into it).</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>The sum of all counts.</summary>
    public long TotalCount
    {
        get
        {
            long total = 0;
            foreach (long c in _counts)
            {
                total += c;
            }

            return total;
        }
    }

    /// <summary>The token with id <paramref name="id"/>.</summary>
    public string this[int id] => _tokens[id];

    /// <summary>
    /// Builds a vocabulary from a token sequence: tokens seen at least <paramref name="minCount"/> times, most frequent
    /// first, ties broken by ordinal order.
    /// </summary>
    /// <param name="tokens">The tokens of the corpus.</param>
    /// <param name="minCount">Tokens seen fewer times are dropped (folded into the unknown token when there is one).</param>
    /// <param name="unknownToken">The unknown token, put at id 0; null for none (rare tokens are then simply absent).</param>
    /// <param name="maxSize">At most this many tokens (the unknown token included); 0 for no limit.</param>
    public static Vocabulary Build(IEnumerable<string> tokens, int minCount = 1, string? unknownToken = "<unk>", int maxSize = 0)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string token in tokens)
        {
            counts[token] = counts.TryGetValue(token, out long c) ? c + 1 : 1;
        }

        return FromCounts(counts, minCount, unknownToken, maxSize);
    }

    /// <summary>Builds a vocabulary from token counts (see <see cref="Build"/>).</summary>
    public static Vocabulary FromCounts(IReadOnlyDictionary<string, long> counts, int minCount = 1, string? unknownToken = "<unk>", int maxSize = 0)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (minCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "vocabulary: minCount must be at least 1.");
        }

        if (maxSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, "vocabulary: maxSize must be 0 (no limit) or positive.");
        }

        var kept = new List<KeyValuePair<string, long>>();
        long folded = 0;
        foreach (var pair in counts)
        {
            if (pair.Value >= minCount && pair.Key != unknownToken)
            {
                kept.Add(pair);
            }
            else
            {
                folded += pair.Value;
            }
        }

        kept.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        int offset = unknownToken is null ? 0 : 1;
        int size = kept.Count + offset;
        if (maxSize > 0 && size > maxSize)
        {
            for (int i = maxSize - offset; i < kept.Count; i++)
            {
                folded += kept[i].Value;
            }

            kept.RemoveRange(Math.Max(0, maxSize - offset), kept.Count - Math.Max(0, maxSize - offset));
            size = kept.Count + offset;
        }

        var tokens = new string[size];
        var tokenCounts = new long[size];
        if (unknownToken is not null)
        {
            tokens[0] = unknownToken;
            tokenCounts[0] = folded;
        }

        for (int i = 0; i < kept.Count; i++)
        {
            tokens[i + offset] = kept[i].Key;
            tokenCounts[i + offset] = kept[i].Value;
        }

        return new Vocabulary(tokens, tokenCounts, unknownToken);
    }

    /// <summary>The id of <paramref name="token"/>, or <see cref="UnknownId"/> (-1 without an unknown token).</summary>
    public int IndexOf(string token) => _ids.TryGetValue(token, out int id) ? id : UnknownId;

    /// <summary>Whether <paramref name="token"/> has an id of its own.</summary>
    public bool Contains(string token) => _ids.ContainsKey(token);

    /// <summary>The ids of <paramref name="tokens"/>; tokens outside the vocabulary become the unknown id or are skipped when there is none.</summary>
    public long[] Encode(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new List<long>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            int id = IndexOf(tokens[i]);
            if (id >= 0)
            {
                ids.Add(id);
            }
        }

        return ids.ToArray();
    }

    /// <summary><see cref="Encode"/> as an Int64 tensor of shape <c>[n]</c>.</summary>
    public Tensor EncodeToTensor(IReadOnlyList<string> tokens) => Tensor.FromArray(Encode(tokens));

    /// <summary>The tokens of <paramref name="ids"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is outside [0, Count).</exception>
    public List<string> Decode(ReadOnlySpan<long> ids)
    {
        var tokens = new List<string>(ids.Length);
        foreach (long id in ids)
        {
            if ((ulong)id >= (ulong)_tokens.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"vocabulary: token id {id} is outside [0, {_tokens.Length}).");
            }

            tokens.Add(_tokens[id]);
        }

        return tokens;
    }

    /// <summary>
    /// Writes the vocabulary as text: a header line <c>gradwire-vocabulary 1 unk=TOKEN</c> (or <c>unk=</c> none),
    /// then one <c>token TAB count</c> line per id.
    /// </summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StreamWriter(path, append: false, TextFile.Strict);
        writer.Write("gradwire-vocabulary 1 unk=");
        writer.Write(UnknownToken is null ? "" : Escape(UnknownToken));
        writer.Write('\n');
        for (int i = 0; i < _tokens.Length; i++)
        {
            writer.Write(Escape(_tokens[i]));
            writer.Write('\t');
            writer.Write(_counts[i].ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    /// <summary>Reads a vocabulary written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a vocabulary file; the message names the file and line.</exception>
    public static Vocabulary Load(string path)
    {
        string[] lines = TextFile.ReadAllText(path).Split('\n');
        const string Header = "gradwire-vocabulary 1 unk=";
        if (lines.Length == 0 || !lines[0].StartsWith(Header, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"vocabulary file '{path}': the first line must start with '{Header}'.");
        }

        string unk = Unescape(lines[0][Header.Length..]);
        var tokens = new List<string>();
        var counts = new List<long>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            int tab = lines[i].LastIndexOf('\t');
            if (tab < 0 || !long.TryParse(lines[i].AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                throw new InvalidDataException($"vocabulary file '{path}', line {i + 1}: expected 'token<TAB>count'.");
            }

            tokens.Add(Unescape(lines[i][..tab]));
            counts.Add(count);
        }

        string? unknown = unk.Length == 0 ? null : unk;
        if (unknown is not null && (tokens.Count == 0 || tokens[0] != unknown))
        {
            throw new InvalidDataException($"vocabulary file '{path}': the unknown token '{unknown}' must be the first entry.");
        }

        return new Vocabulary(tokens.ToArray(), counts.ToArray(), unknown);
    }

    // Tokens may hold tabs, newlines or backslashes only in pathological input; escape them so a line stays a line.
    private static string Escape(string token) =>
        token.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Unescape(string token)
    {
        if (!token.Contains('\\', StringComparison.Ordinal))
        {
            return token;
        }

        var sb = new System.Text.StringBuilder(token.Length);
        for (int i = 0; i < token.Length; i++)
        {
            if (token[i] == '\\' && i + 1 < token.Length)
            {
                i++;
                sb.Append(token[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => token[i] });
            }
            else
            {
                sb.Append(token[i]);
            }
        }

        return sb.ToString();
    }
}
