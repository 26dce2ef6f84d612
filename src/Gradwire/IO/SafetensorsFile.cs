using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Gradwire.IO;

/// <summary>
/// Reads and writes the safetensors format of Hugging Face's <c>safetensors</c> library (what PyTorch checkpoints
/// use): an 8-byte little-endian header length <c>n</c>, <c>n</c> bytes of UTF-8 JSON, then the tensors' raw bytes.
/// </summary>
/// <remarks>
/// <para>The header maps each tensor name to <c>{"dtype":"F32","shape":[2,3],"data_offsets":[begin,end]}</c>
/// (offsets relative to the start of the data, contiguous, no gaps), plus an optional <c>"__metadata__"</c>
/// object of string → string.</para>
/// <para>The writer does what the reference writer does, so that the same tensors give the same bytes: tensors
/// laid out by descending dtype (in <see cref="SafetensorsDType"/> order) then by name (ordinal UTF-8), header keys
/// in that order after <c>__metadata__</c> (whose keys we sort; the reference keeps a hash map's order), compact
/// JSON, the header padded with spaces to a multiple of 8 bytes. Files are written through
/// <see cref="AtomicFile"/>.</para>
/// <para>The reader trusts nothing: header length bounds, UTF-8, JSON shape, known dtypes, offsets that tile the
/// data exactly, and <c>product(shape) × size(dtype) = end − begin</c>. Any violation is an
/// <see cref="InvalidDataException"/> naming the file and the problem.</para>
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>The reserved header key of the metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted, as in the reference library (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>Writes <paramref name="tensors"/> (and optional metadata) to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public static void Write(
        string path, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        // Validate and lay out before touching the disk.
        var (header, ordered) = BuildHeader(tensors, metadata);
        AtomicFile.Write(path, stream => WriteTo(stream, header, ordered));
    }

    /// <summary>The bytes of a safetensors file holding <paramref name="tensors"/> (and optional metadata).</summary>
    public static byte[] Serialize(IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var (header, ordered) = BuildHeader(tensors, metadata);
        using var stream = new MemoryStream();
        WriteTo(stream, header, ordered);
        return stream.ToArray();
    }

    /// <summary>Reads and validates the safetensors file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file (the message names the file and the problem).</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        InputFile.CheckReadable(path, "safetensors file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads and validates a safetensors file held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public static SafetensorsContent Parse(ReadOnlySpan<byte> bytes, string sourceName)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, sourceName);
    }

    private static SafetensorsContent Read(Stream stream, string source)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw Invalid(source, $"the file is {fileLength} bytes long, shorter than the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw Invalid(source, $"header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes");
        if ((long)headerLength > fileLength - 8)
            throw Invalid(source, $"header length {headerLength} runs past the end of the file ({fileLength} bytes)");
        if (headerLength < 2)
            throw Invalid(source, $"header length {headerLength} is too small to hold a JSON object");

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var entries = ParseHeader(headerBytes, source, out var metadata);

        // Offsets must tile [0, dataLength) exactly, in order, and each span must hold shape × dtype bytes.
        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long dataLength = fileLength - 8 - (long)headerLength;
        long position = 0;
        foreach (var entry in entries)
        {
            if (entry.Begin != position || entry.End < entry.Begin)
                throw Invalid(source,
                    $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}], but the data must be contiguous: " +
                    $"the next tensor must begin at offset {position}");
            long expected = entry.ByteLength;
            if (entry.End - entry.Begin != expected)
                throw Invalid(source,
                    $"tensor '{entry.Name}' of shape [{string.Join(", ", entry.Shape)}] and dtype {SafetensorsDTypes.HeaderName(entry.DType)} " +
                    $"needs {expected} bytes, but its data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}");
            position = entry.End;
        }

        if (position != dataLength)
            throw Invalid(source,
                position < dataLength
                    ? $"the tensors cover {position} bytes of data but the file holds {dataLength} after the header (trailing bytes)"
                    : $"the file is truncated: the tensors need {position} bytes of data but only {dataLength} follow the header");

        var tensors = new List<SafetensorsTensor>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.End - entry.Begin > Array.MaxLength)
                throw Invalid(source, $"tensor '{entry.Name}' is {entry.End - entry.Begin} bytes, too large for one array");
            var data = new byte[entry.End - entry.Begin];
            stream.ReadExactly(data);
            tensors.Add(SafetensorsTensor.FromValidated(entry.Name, entry.DType, entry.Shape, data));
        }

        return new SafetensorsContent(tensors, metadata);
    }

    private static List<HeaderEntry> ParseHeader(byte[] headerBytes, string source, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (headerBytes[0] != (byte)'{')
            throw Invalid(source, "the header does not start with '{' (is this a safetensors file?)");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(headerBytes);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(source, "the header is not valid UTF-8");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"the header is not valid JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid(source, "the header is not a JSON object");
            var entries = new List<HeaderEntry>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw Invalid(source, $"'{MetadataKey}' must be an object of string values");
                    foreach (var item in property.Value.EnumerateObject())
                    {
                        if (item.Value.ValueKind != JsonValueKind.String)
                            throw Invalid(source, $"metadata value '{item.Name}' is {item.Value.ValueKind}, not a string");
                        metadata[item.Name] = item.Value.GetString()!;
                    }

                    continue;
                }

                entries.Add(ParseEntry(property, source));
            }

            return entries;
        }
    }

    private static HeaderEntry ParseEntry(JsonProperty property, string source)
    {
        string name = property.Name;
        var info = property.Value;
        if (name.Length == 0) throw Invalid(source, "a tensor has an empty name");
        if (info.ValueKind != JsonValueKind.Object)
            throw Invalid(source, $"tensor '{name}': its header entry is {info.ValueKind}, not an object");

        if (!info.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Invalid(source, $"tensor '{name}': missing string field 'dtype'");
        string dtypeName = dtypeElement.GetString()!;
        if (!SafetensorsDTypes.TryParse(dtypeName, out var dtype))
            throw Invalid(source, $"tensor '{name}': unknown dtype '{dtypeName}' (known: {SafetensorsDTypes.Known})");

        if (!info.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Invalid(source, $"tensor '{name}': missing array field 'shape'");
        var shape = new int[shapeElement.GetArrayLength()];
        int d = 0;
        long elements = 1;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long value) || value < 0)
                throw Invalid(source, $"tensor '{name}': shape entry {d} ({dim.GetRawText()}) is not a non-negative integer");
            if (value > int.MaxValue)
                throw Invalid(source, $"tensor '{name}': dimension {d} = {value} is larger than {int.MaxValue}");
            shape[d++] = (int)value;
            try
            {
                elements = checked(elements * value);
                _ = checked(elements * SafetensorsDTypes.Size(dtype));
            }
            catch (OverflowException)
            {
                throw Invalid(source, $"tensor '{name}': shape [{string.Join(", ", shape)}...] has too many elements");
            }
        }

        if (!info.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array ||
            offsets.GetArrayLength() != 2)
            throw Invalid(source, $"tensor '{name}': missing field 'data_offsets' = [begin, end]");
        long begin = ReadOffset(offsets[0], name, source);
        long end = ReadOffset(offsets[1], name, source);
        return new HeaderEntry(name, dtype, shape, begin, end, elements * SafetensorsDTypes.Size(dtype));
    }

    private static long ReadOffset(JsonElement element, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long value) || value < 0)
            throw Invalid(source, $"tensor '{name}': data offset {element.GetRawText()} is not a non-negative integer");
        return value;
    }

    private static (byte[] Header, List<SafetensorsTensor> Ordered) BuildHeader(
        IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = new List<SafetensorsTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (!names.Add(tensor.Name))
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'; names in a safetensors file must be unique.", nameof(tensors));
            ordered.Add(tensor);
        }

        // The reference layout: descending dtype, then ordinal UTF-8 name.
        ordered.Sort((a, b) => a.DType != b.DType
            ? b.DType.CompareTo(a.DType)
            : CompareUtf8(a.Name, b.Name));

        var json = new StringBuilder();
        json.Append('{');
        bool first = true;
        if (metadata is not null && metadata.Count > 0)
        {
            json.Append('"').Append(MetadataKey).Append("\":{");
            var keys = metadata.Keys.ToList();
            keys.Sort(CompareUtf8);
            for (int i = 0; i < keys.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendJsonString(json, keys[i]);
                json.Append(':');
                AppendJsonString(json, metadata[keys[i]] ?? throw new ArgumentException($"Metadata value '{keys[i]}' is null.", nameof(metadata)));
            }

            json.Append('}');
            first = false;
        }

        long offset = 0;
        foreach (var tensor in ordered)
        {
            if (!first) json.Append(',');
            first = false;
            AppendJsonString(json, tensor.Name);
            json.Append(":{\"dtype\":\"").Append(SafetensorsDTypes.HeaderName(tensor.DType)).Append("\",\"shape\":[");
            for (int i = 0; i < tensor.Shape.Count; i++)
            {
                if (i > 0) json.Append(',');
                json.Append(tensor.Shape[i].ToString(CultureInfo.InvariantCulture));
            }

            long end = offset + tensor.Data.Length;
            json.Append("],\"data_offsets\":[")
                .Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset = end;
        }

        json.Append('}');
        int length = Encoding.UTF8.GetByteCount(json.ToString());
        json.Append(' ', (8 - length % 8) % 8); // the reference pads so the data starts 8-byte aligned
        return (Encoding.UTF8.GetBytes(json.ToString()), ordered);
    }

    private static void WriteTo(Stream stream, byte[] header, List<SafetensorsTensor> ordered)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var tensor in ordered) stream.Write(tensor.Data);
    }

    /// <summary>JSON string escaping as serde_json does it: quote, backslash and control characters only.</summary>
    private static void AppendJsonString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }

        json.Append('"');
    }

    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    // Names and values from the header are data: cut long ones and escape control characters (Printable).
    private static InvalidDataException Invalid(string source, string problem) =>
        new($"'{source}' is not a valid safetensors file: {Printable.Message(problem, 1000)}.");

    private sealed record HeaderEntry(string Name, SafetensorsDType DType, int[] Shape, long Begin, long End, long ByteLength);
}
