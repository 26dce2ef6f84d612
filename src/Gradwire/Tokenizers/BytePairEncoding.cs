using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gradwire.Tokenizers;

/// <summary>
/// Byte-level byte-pair encoding (GPT-2's scheme): text is cut into chunks by GPT-2's pre-tokenizer regex, each
/// chunk's UTF-8 bytes are the initial symbols, and learned merges join the most frequent adjacent pair, in
/// order. Lossless for any valid UTF-16 string (no unknown characters: every byte has an id), so
/// <c>Decode(Encode(s)) == s</c> always.
/// </summary>
/// <remarks>
/// Ids: <see cref="PadId"/> 0, <see cref="BosId"/> 1, <see cref="EosId"/> 2, <see cref="UnkId"/> 3 (kept for models
/// that want one; encoding never produces it), bytes 0..255 as ids 4..259, then merge k as id 260 + k. Special
/// tokens are never produced from text: a literal "&lt;pad&gt;" in the input is encoded as its bytes.
/// </remarks>
public sealed class BytePairEncoding
{
    /// <summary>The padding id (0).</summary>
    public const int PadId = 0;

    /// <summary>The beginning-of-sequence id (1).</summary>
    public const int BosId = 1;

    /// <summary>The end-of-sequence id (2).</summary>
    public const int EosId = 2;

    /// <summary>The unknown id (3); byte-level encoding never needs it.</summary>
    public const int UnkId = 3;

    /// <summary>The id of byte 0; byte b is <c>ByteOffset + b</c>.</summary>
    public const int ByteOffset = 4;

    /// <summary>The first merged symbol's id.</summary>
    public const int FirstMergeId = ByteOffset + 256;

    private const string FileFormat = "gradwire-bpe";

    // GPT-2's pre-tokenizer: contractions, letters, digits, other symbols, each with one optional leading space.
    private static readonly Regex Chunker = new(
        @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly (int Left, int Right)[] _merges;
    private readonly Dictionary<long, int> _rank;
    private readonly byte[][] _bytes;
    private readonly Dictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    private BytePairEncoding((int Left, int Right)[] merges)
    {
        _merges = merges;
        _rank = new Dictionary<long, int>(merges.Length);
        _bytes = new byte[FirstMergeId + merges.Length][];
        for (int i = 0; i < ByteOffset; i++)
        {
            _bytes[i] = [];
        }

        for (int b = 0; b < 256; b++)
        {
            _bytes[ByteOffset + b] = [(byte)b];
        }

        for (int k = 0; k < merges.Length; k++)
        {
            var (left, right) = merges[k];
            int id = FirstMergeId + k;
            if (left < ByteOffset || right < ByteOffset || left >= id || right >= id)
            {
                throw new InvalidDataException(
                    $"BPE merge {k} joins ids {left} and {right}; each must be a byte or an earlier merge (4..{id - 1}).");
            }

            _rank[Key(left, right)] = k;
            _bytes[id] = [.. _bytes[left], .. _bytes[right]];
        }
    }

    /// <summary>Total ids: 4 specials + 256 bytes + merges.</summary>
    public int VocabSize => FirstMergeId + _merges.Length;

    /// <summary>The learned merges in order: merge k joins (Left, Right) into id 260 + k.</summary>
    public IReadOnlyList<(int Left, int Right)> Merges => _merges;

    /// <summary>
    /// Learns merges from <paramref name="texts"/> until the vocabulary has <paramref name="vocabSize"/> ids or the
    /// most frequent pair occurs fewer than <paramref name="minFrequency"/> times. Ties go to the smaller
    /// (left, right) pair, so training is deterministic. Pair counts are updated incrementally per merge (only the
    /// chunks containing the merged pair are touched), not recounted.
    /// </summary>
    public static BytePairEncoding Train(IEnumerable<string> texts, int vocabSize, int minFrequency = 2)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (vocabSize < FirstMergeId)
        {
            throw new ArgumentException(
                $"BytePairEncoding.Train: vocabSize {vocabSize} is below {FirstMergeId} (4 specials + 256 bytes); pass e.g. 8000.", nameof(vocabSize));
        }

        if (minFrequency < 1)
        {
            throw new ArgumentException($"BytePairEncoding.Train: minFrequency {minFrequency} must be at least 1.", nameof(minFrequency));
        }

        // Distinct chunks with their frequencies: the training works on these, not on the running text.
        var chunkCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (Match m in Chunker.Matches(text))
            {
                chunkCounts[m.Value] = chunkCounts.TryGetValue(m.Value, out long c) ? c + 1 : 1;
            }
        }

        var words = new List<int[]>(chunkCounts.Count);
        var lengths = new List<int>(chunkCounts.Count);
        var freqs = new List<long>(chunkCounts.Count);
        var ordered = new List<string>(chunkCounts.Keys);
        ordered.Sort(StringComparer.Ordinal); // stable word order, so ties and ids never depend on hashing
        foreach (var chunk in ordered)
        {
            var bytes = StrictUtf8.GetBytes(chunk);
            var symbols = new int[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                symbols[i] = ByteOffset + bytes[i];
            }

            words.Add(symbols);
            lengths.Add(symbols.Length);
            freqs.Add(chunkCounts[chunk]);
        }

        var pairCounts = new Dictionary<long, long>();
        var where = new Dictionary<long, HashSet<int>>();
        for (int w = 0; w < words.Count; w++)
        {
            AddPairs(words[w], lengths[w], freqs[w], w, pairCounts, where, touched: null);
        }

        var heap = new PriorityQueue<long, (long NegCount, long Pair)>();
        foreach (var (pair, count) in pairCounts)
        {
            heap.Enqueue(pair, (-count, pair));
        }

        var merges = new List<(int, int)>();
        var touched = new HashSet<long>();
        int wanted = vocabSize - FirstMergeId;
        while (merges.Count < wanted && heap.TryDequeue(out long best, out var priority))
        {
            // Lazy deletion: an entry whose count is stale was superseded by a later push.
            if (!pairCounts.TryGetValue(best, out long count) || count != -priority.NegCount || count <= 0)
            {
                continue;
            }

            if (count < minFrequency)
            {
                break;
            }

            int left = (int)(best >> 32), right = (int)(best & 0xFFFFFFFF);
            int newId = FirstMergeId + merges.Count;
            merges.Add((left, right));
            touched.Clear();
            foreach (int w in where[best].ToArray())
            {
                var symbols = words[w];
                int length = lengths[w];
                AddPairs(symbols, length, -freqs[w], w, pairCounts, where: null, touched);
                int write = 0;
                for (int read = 0; read < length; read++)
                {
                    if (read + 1 < length && symbols[read] == left && symbols[read + 1] == right)
                    {
                        symbols[write++] = newId;
                        read++;
                    }
                    else
                    {
                        symbols[write++] = symbols[read];
                    }
                }

                lengths[w] = write;
                AddPairs(symbols, write, freqs[w], w, pairCounts, where, touched);
            }

            where.Remove(best);
            pairCounts.Remove(best);
            foreach (var pair in touched)
            {
                if (pairCounts.TryGetValue(pair, out long c) && c > 0)
                {
                    heap.Enqueue(pair, (-c, pair));
                }
            }
        }

        return new BytePairEncoding(merges.ToArray());
    }

    private static void AddPairs(int[] symbols, int length, long freq, int word, Dictionary<long, long> pairCounts,
        Dictionary<long, HashSet<int>>? where, HashSet<long>? touched)
    {
        for (int i = 0; i + 1 < length; i++)
        {
            long key = Key(symbols[i], symbols[i + 1]);
            pairCounts[key] = (pairCounts.TryGetValue(key, out long c) ? c : 0) + freq;
            touched?.Add(key);
            if (where is not null)
            {
                if (!where.TryGetValue(key, out var set))
                {
                    where[key] = set = [];
                }

                set.Add(word);
            }
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>The ids of <paramref name="text"/> (no BOS/EOS: add them yourself).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length);
        foreach (Match m in Chunker.Matches(text))
        {
            ids.AddRange(EncodeChunk(m.Value));
        }

        return ids.ToArray();
    }

    private int[] EncodeChunk(string chunk)
    {
        if (_cache.TryGetValue(chunk, out var cached))
        {
            return cached;
        }

        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(chunk);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"BytePairEncoding.Encode: the text has a lone surrogate ({e.Message}); it is not valid Unicode.", e);
        }

        var symbols = new List<int>(bytes.Length);
        foreach (var b in bytes)
        {
            symbols.Add(ByteOffset + b);
        }

        // Apply the lowest-ranked merge present, everywhere in the chunk, until none applies (GPT-2's bpe()).
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (_rank.TryGetValue(Key(symbols[i], symbols[i + 1]), out int r) && r < bestRank)
                {
                    bestRank = r;
                }
            }

            if (bestRank == int.MaxValue)
            {
                break;
            }

            var (left, right) = _merges[bestRank];
            int write = 0;
            for (int read = 0; read < symbols.Count; read++)
            {
                if (read + 1 < symbols.Count && symbols[read] == left && symbols[read + 1] == right)
                {
                    symbols[write++] = FirstMergeId + bestRank;
                    read++;
                }
                else
                {
                    symbols[write++] = symbols[read];
                }
            }

            symbols.RemoveRange(write, symbols.Count - write);
        }

        var result = symbols.ToArray();
        if (_cache.Count < 1 << 16)
        {
            _cache[chunk] = result;
        }

        return result;
    }

    /// <summary>The text of <paramref name="ids"/>; special ids (pad, bos, eos, unk) are skipped.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if (id < 0 || id >= VocabSize)
            {
                throw new ArgumentException($"BytePairEncoding.Decode: id {id} is outside the vocabulary 0..{VocabSize - 1}.", nameof(ids));
            }

            bytes.AddRange(_bytes[id]);
        }

        // Ids cut mid-character (a model's output can be any sequence) decode with U+FFFD, never an exception.
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>The bytes id <paramref name="id"/> stands for (empty for specials).</summary>
    public ReadOnlySpan<byte> BytesOf(int id) =>
        id >= 0 && id < VocabSize ? _bytes[id]
            : throw new ArgumentException($"BytePairEncoding.BytesOf: id {id} is outside the vocabulary 0..{VocabSize - 1}.", nameof(id));

    /// <summary>Writes the tokenizer as JSON: format, version, special ids, merges as [left, right] id pairs.</summary>
    public void Save(string path)
    {
        var merges = new JsonArray();
        foreach (var (l, r) in _merges)
        {
            merges.Add(new JsonArray(l, r));
        }

        var o = new JsonObject
        {
            ["format"] = FileFormat,
            ["version"] = 1,
            ["kind"] = "byte-level",
            ["special"] = new JsonObject { ["pad"] = PadId, ["bos"] = BosId, ["eos"] = EosId, ["unk"] = UnkId },
            ["byte_offset"] = ByteOffset,
            ["merges"] = merges,
        };
        File.WriteAllText(path, o.ToJsonString());
    }

    /// <summary>Reads a tokenizer written by <see cref="Save"/>.</summary>
    public static BytePairEncoding Load(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"BPE file {path} is not JSON: {e.Message}", e);
        }

        if (root is not JsonObject o || (string?)o["format"] != FileFormat || (int?)o["version"] != 1
            || (int?)o["byte_offset"] != ByteOffset || o["merges"] is not JsonArray list)
        {
            throw new InvalidDataException(
                $"BPE file {path} is not a {FileFormat} version 1 file (expected format, version 1, byte_offset {ByteOffset} and merges).");
        }

        var merges = new (int, int)[list.Count];
        for (int k = 0; k < merges.Length; k++)
        {
            if (list[k] is not JsonArray { Count: 2 } pair || pair[0] is null || pair[1] is null)
            {
                throw new InvalidDataException($"BPE file {path}: merge {k} is not a [left, right] pair of ids.");
            }

            merges[k] = ((int)pair[0]!, (int)pair[1]!);
        }

        return new BytePairEncoding(merges);
    }
}
