using System.Globalization;
using System.Text;

namespace Gradwire.Text;

/// <summary>
/// Word vectors (a <c>[count, dim]</c> float matrix with a word per row, most frequent first), word2vec's text and
/// binary formats, cosine similarity, nearest neighbours and 3CosAdd analogies.
/// </summary>
public sealed class WordVectors
{
    private readonly string[] _words;
    private readonly float[] _data;
    private readonly Dictionary<string, int> _ids;
    private float[]? _unit;

    /// <summary>Vectors for <paramref name="words"/>: row i of <paramref name="data"/> (length <c>words.Length · dimension</c>).</summary>
    /// <param name="words">The words, unique, most frequent first.</param>
    /// <param name="dimension">The vector size.</param>
    /// <param name="data">Row-major vectors; kept, not copied.</param>
    /// <param name="counts">Corpus counts per word, or null when unknown (loaded files).</param>
    public WordVectors(string[] words, int dimension, float[] data, long[]? counts = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(data);
        if (dimension < 1 || (long)words.Length * dimension != data.Length)
        {
            throw new ArgumentException($"word vectors: {words.Length} words × dimension {dimension} need {(long)words.Length * dimension} floats, got {data.Length}.");
        }

        _words = words;
        _data = data;
        Dimension = dimension;
        Counts = counts;
        _ids = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++)
        {
            if (!_ids.TryAdd(words[i], i))
            {
                throw new ArgumentException($"word vectors: word '{words[i]}' appears twice (rows {_ids[words[i]]} and {i}).");
            }
        }
    }

    /// <summary>The number of words.</summary>
    public int Count => _words.Length;

    /// <summary>The vector size.</summary>
    public int Dimension { get; }

    /// <summary>The words by row.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Corpus counts by row, when known.</summary>
    public IReadOnlyList<long>? Counts { get; }

    /// <summary>The row of <paramref name="word"/>, or -1.</summary>
    public int IndexOf(string word) => _ids.TryGetValue(word, out int i) ? i : -1;

    /// <summary>The vector of row <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> this[int index] => _data.AsSpan(index * Dimension, Dimension);

    /// <summary>The vector of <paramref name="word"/>.</summary>
    /// <exception cref="KeyNotFoundException">The word has no vector.</exception>
    public ReadOnlySpan<float> Vector(string word) => this[Require(word)];

    /// <summary>Cosine similarity <c>a·b / (‖a‖‖b‖)</c> of two words' vectors.</summary>
    public float Similarity(string a, string b)
    {
        var unit = Unit();
        return VectorMath.Dot(unit.AsSpan(Require(a) * Dimension, Dimension), unit.AsSpan(Require(b) * Dimension, Dimension));
    }

    /// <summary>The <paramref name="top"/> words most similar (cosine) to <paramref name="word"/>, itself excluded.</summary>
    public List<WordNeighbour> Nearest(string word, int top = 10)
    {
        int id = Require(word);
        return Nearest(Unit().AsSpan(id * Dimension, Dimension), top, [id], Count);
    }

    /// <summary>
    /// 3CosAdd: the words d maximizing <c>cos(d, b̂ − â + ĉ)</c> ("a is to b as c is to d"; king − man + woman is
    /// <c>Analogy("man", "king", "woman")</c>), a, b and c excluded.
    /// </summary>
    public List<WordNeighbour> Analogy(string a, string b, string c, int top = 1)
    {
        int ia = Require(a);
        int ib = Require(b);
        int ic = Require(c);
        var query = AnalogyQuery(ia, ib, ic);
        return Nearest(query, top, [ia, ib, ic], Count);
    }

    /// <summary>The unit vectors, computed once (row-major like the data).</summary>
    internal float[] Unit()
    {
        if (_unit is not null)
        {
            return _unit;
        }

        var unit = new float[_data.Length];
        for (int i = 0; i < Count; i++)
        {
            var row = _data.AsSpan(i * Dimension, Dimension);
            float norm = MathF.Sqrt(VectorMath.Dot(row, row));
            float scale = norm > 0 ? 1 / norm : 0;
            var target = unit.AsSpan(i * Dimension, Dimension);
            for (int j = 0; j < Dimension; j++)
            {
                target[j] = row[j] * scale;
            }
        }

        _unit = unit;
        return unit;
    }

    /// <summary><c>b̂ − â + ĉ</c>, normalized.</summary>
    internal float[] AnalogyQuery(int a, int b, int c)
    {
        var unit = Unit();
        var query = new float[Dimension];
        VectorMath.Axpy(1, unit.AsSpan(b * Dimension, Dimension), query);
        VectorMath.Axpy(-1, unit.AsSpan(a * Dimension, Dimension), query);
        VectorMath.Axpy(1, unit.AsSpan(c * Dimension, Dimension), query);
        float norm = MathF.Sqrt(VectorMath.Dot(query, query));
        if (norm > 0)
        {
            for (int j = 0; j < query.Length; j++)
            {
                query[j] /= norm;
            }
        }

        return query;
    }

    /// <summary>The <paramref name="top"/> rows among the first <paramref name="limit"/> closest to a unit <paramref name="query"/>, <paramref name="exclude"/> skipped; best first, ties by row.</summary>
    internal List<WordNeighbour> Nearest(ReadOnlySpan<float> query, int top, ReadOnlySpan<int> exclude, int limit)
    {
        if (top < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "word vectors: top must be at least 1.");
        }

        var unit = Unit();
        limit = Math.Min(limit, Count);
        var best = new List<(float Score, int Row)>(top + 1);
        for (int i = 0; i < limit; i++)
        {
            if (exclude.Contains(i))
            {
                continue;
            }

            float score = VectorMath.Dot(query, unit.AsSpan(i * Dimension, Dimension));
            if (best.Count == top && score <= best[^1].Score)
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && best[at - 1].Score < score)
            {
                at--;
            }

            best.Insert(at, (score, i));
            if (best.Count > top)
            {
                best.RemoveAt(best.Count - 1);
            }
        }

        var result = new List<WordNeighbour>(best.Count);
        foreach (var (score, row) in best)
        {
            result.Add(new WordNeighbour(_words[row], score));
        }

        return result;
    }

    /// <summary>
    /// Writes word2vec's text format: a line <c>count dim</c>, then per word <c>word v1 v2 … vdim</c> (shortest
    /// round-trip floats), readable by gensim's <c>KeyedVectors.load_word2vec_format(path)</c>.
    /// </summary>
    public void SaveText(string path)
    {
        using var writer = new StreamWriter(path, append: false, TextFile.Strict, bufferSize: 1 << 16);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Count} {Dimension}\n"));
        for (int i = 0; i < Count; i++)
        {
            writer.Write(_words[i]);
            var row = this[i];
            for (int j = 0; j < Dimension; j++)
            {
                writer.Write(' ');
                writer.Write(row[j].ToString(CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    /// <summary>
    /// Writes word2vec's binary format: a line <c>count dim</c>, then per word <c>word</c>, a space, dim little-endian
    /// float32 and a newline (gensim: <c>load_word2vec_format(path, binary=True)</c>).
    /// </summary>
    public void SaveBinary(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Count} {Dimension}\n")));
        var bytes = new byte[Dimension * 4];
        for (int i = 0; i < Count; i++)
        {
            stream.Write(Encoding.UTF8.GetBytes(_words[i] + " "));
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(this[i]).CopyTo(bytes);
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("word vectors: the binary format is written little-endian only.");
            }

            stream.Write(bytes);
            stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Reads word2vec's text format or, when <paramref name="binary"/>, its binary format.</summary>
    /// <exception cref="InvalidDataException">The file is malformed; the message names the file and the line or word.</exception>
    public static WordVectors Load(string path, bool binary = false) => binary ? LoadBinary(path) : LoadText(path);

    private static WordVectors LoadText(string path)
    {
        string text = TextFile.ReadAllText(path);
        int lineStart = 0;
        int lineNumber = 0;
        string? NextLine()
        {
            if (lineStart >= text.Length)
            {
                return null;
            }

            int end = text.IndexOf('\n', lineStart);
            if (end < 0)
            {
                end = text.Length;
            }

            string line = text[lineStart..end].TrimEnd('\r');
            lineStart = end + 1;
            lineNumber++;
            return line;
        }

        var (count, dim) = ParseHeader(NextLine(), path);
        var words = new string[count];
        var data = new float[(long)count * dim];
        for (int i = 0; i < count; i++)
        {
            string? line = NextLine() ?? throw new InvalidDataException($"word vectors '{path}': the header promises {count} words, the file ends after {i}.");
            string[] parts = line.TrimEnd().Split(' ');
            if (parts.Length != dim + 1)
            {
                throw new InvalidDataException($"word vectors '{path}', line {lineNumber}: expected a word and {dim} numbers, got {parts.Length - 1} numbers.");
            }

            words[i] = parts[0];
            for (int j = 0; j < dim; j++)
            {
                if (!float.TryParse(parts[j + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out data[(long)i * dim + j]))
                {
                    throw new InvalidDataException($"word vectors '{path}', line {lineNumber}: '{parts[j + 1]}' is not a number.");
                }
            }
        }

        return Create(words, dim, data, path);
    }

    private static WordVectors LoadBinary(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0)
        {
            throw new InvalidDataException($"word vectors '{path}': no header line 'count dim'.");
        }

        var (count, dim) = ParseHeader(Encoding.ASCII.GetString(bytes, 0, newline), path);
        var words = new string[count];
        var data = new float[(long)count * dim];
        int at = newline + 1;
        for (int i = 0; i < count; i++)
        {
            while (at < bytes.Length && bytes[at] == (byte)'\n')
            {
                at++;
            }

            int space = Array.IndexOf(bytes, (byte)' ', at);
            if (space < 0 || space + 4L * dim > bytes.Length)
            {
                throw new InvalidDataException($"word vectors '{path}': word {i} of {count} is truncated at byte {at}.");
            }

            words[i] = TextFile.Decode(bytes.AsSpan(at, space - at), $"{path} word {i}");
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(space + 1, 4 * dim)).CopyTo(data.AsSpan(i * dim, dim));
            at = space + 1 + 4 * dim;
        }

        return Create(words, dim, data, path);
    }

    private static WordVectors Create(string[] words, int dim, float[] data, string path)
    {
        try
        {
            return new WordVectors(words, dim, data);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"word vectors '{path}': {e.Message}", e);
        }
    }

    private static (int Count, int Dim) ParseHeader(string? line, string path)
    {
        string[] parts = (line ?? "").Trim().Split(' ');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dim) || dim < 1)
        {
            throw new InvalidDataException($"word vectors '{path}': the first line must be 'count dim' (word2vec format), got '{line}'.");
        }

        return (count, dim);
    }

    private int Require(string word) =>
        _ids.TryGetValue(word, out int id) ? id : throw new KeyNotFoundException($"word vectors: '{word}' has no vector (not in the vocabulary of {Count} words).");
}
