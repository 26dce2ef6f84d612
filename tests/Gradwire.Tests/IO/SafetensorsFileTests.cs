using System.Buffers.Binary;
using System.Text;
using Gradwire.IO;

namespace Gradwire.Tests.IO;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] File8(string header, byte[]? data = null, ulong? declaredLength = null)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return Raw(json, data ?? [], declaredLength ?? (ulong)json.Length);
    }

    private static byte[] Raw(byte[] header, byte[] data, ulong declaredLength)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private string Malformed(byte[] bytes)
    {
        string path = _dir.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Contains(path, e.Message);
        return e.Message;
    }

    [Fact]
    public void Every_supported_dtype_round_trips_through_a_file_with_metadata()
    {
        string path = _dir.File("model.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "3", ["note"] = "ünïcode \"quoted\"\n" };
        SafetensorsFile.Write(path,
        [
            SafetensorsTensor.FromSingles("layer.weight", [2, 3], [1.5f, -2, 3, float.MaxValue, float.Epsilon, -0f]),
            SafetensorsTensor.FromDoubles("layer.bias", [2], [Math.PI, -1e300]),
            SafetensorsTensor.FromInt64("step", [], [long.MinValue]),
            SafetensorsTensor.FromInt32("counts", [3], [int.MaxValue, 0, -7]),
            new SafetensorsTensor("mask", SafetensorsDType.U8, [4], [0, 1, 255, 7]),
            SafetensorsTensor.FromSingles("empty", [0, 5], []),
        ], metadata);

        var content = SafetensorsFile.Read(path);
        Assert.Equal(6, content.Tensors.Count);
        Assert.Equal(new[] { 1.5f, -2, 3, float.MaxValue, float.Epsilon, -0f }, content["layer.weight"].ToSingles());
        Assert.Equal([2, 3], content["layer.weight"].Shape);
        Assert.Equal([Math.PI, -1e300], content["layer.bias"].ToDoubles());
        Assert.Equal([long.MinValue], content["step"].ToInt64());
        Assert.Empty(content["step"].Shape);
        Assert.Equal(1, content["step"].ElementCount);
        Assert.Equal([int.MaxValue, 0, -7], content["counts"].ToInt32());
        Assert.Equal(new byte[] { 0, 1, 255, 7 }, content["mask"].Data.ToArray());
        Assert.Equal(0, content["empty"].ElementCount);
        Assert.Equal(metadata, content.Metadata);
    }

    [Fact]
    public void Tensors_are_laid_out_by_descending_dtype_then_name_like_the_reference_writer()
    {
        byte[] bytes = SafetensorsFile.Serialize(
        [
            SafetensorsTensor.FromSingles("b", [1], [1f]),
            SafetensorsTensor.FromInt32("z", [1], [1]),
            SafetensorsTensor.FromDoubles("c", [1], [1.0]),
            SafetensorsTensor.FromSingles("a", [1], [1f]),
            SafetensorsTensor.FromInt64("a64", [1], [1L]),
        ]);
        var names = SafetensorsFile.Parse(bytes, "memory").Tensors.Select(t => t.Name);
        Assert.Equal(["a64", "c", "a", "b", "z"], names); // I64 > F64 > F32 > I32 in the reference's Dtype order
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        Assert.StartsWith("{\"a64\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},\"c\":", header);
    }

    [Fact]
    public void Metadata_comes_first_with_sorted_keys()
    {
        byte[] bytes = SafetensorsFile.Serialize(
            [SafetensorsTensor.FromSingles("w", [1], [2f])],
            new Dictionary<string, string> { ["zeta"] = "1", ["alpha"] = "2" });
        string header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        Assert.StartsWith("{\"__metadata__\":{\"alpha\":\"2\",\"zeta\":\"1\"},\"w\":", header);
    }

    [Fact]
    public void Typed_accessors_refuse_another_dtype()
    {
        var t = SafetensorsTensor.FromDoubles("d", [1], [1.0]);
        Assert.Contains("'d' is F64, not F32", Assert.Throws<InvalidOperationException>(() => t.ToSingles()).Message);
    }

    [Fact]
    public void Writer_rejects_duplicate_names_and_inconsistent_entries()
    {
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => SafetensorsFile.Serialize(
            [SafetensorsTensor.FromSingles("x", [1], [1f]), SafetensorsTensor.FromInt32("x", [1], [1])])).Message);
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("x", [2, 2], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("", [1], [1f]));
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("__metadata__", [1], [1f]));
        Assert.Throws<ArgumentException>(() => SafetensorsTensor.FromSingles("x", [-1], []));
    }

    [Fact]
    public void Missing_file_is_file_not_found()
    {
        Assert.Throws<FileNotFoundException>(() => SafetensorsFile.Read(_dir.File("nope.safetensors")));
    }

    // ---- malformed files: one test per check, each message naming the file and the problem ----

    [Fact]
    public void A_file_shorter_than_eight_bytes() =>
        Assert.Contains("shorter than the 8-byte header length", Malformed([1, 2, 3]));

    [Fact]
    public void A_header_length_over_the_limit() =>
        Assert.Contains("exceeds the limit", Malformed(File8("{}", declaredLength: 200_000_000)));

    [Fact]
    public void A_header_length_past_the_end_of_the_file() =>
        Assert.Contains("runs past the end of the file", Malformed(File8("{}", declaredLength: 50)));

    [Fact]
    public void A_header_length_of_zero() =>
        Assert.Contains("too small", Malformed(File8("", declaredLength: 0)));

    [Fact]
    public void A_header_that_is_not_a_json_object() =>
        Assert.Contains("does not start with '{'", Malformed(File8("[1, 2]  ")));

    [Fact]
    public void A_header_that_is_not_utf8() =>
        Assert.Contains("not valid UTF-8", Malformed(Raw([(byte)'{', 0xFF, 0xFE, (byte)'}'], [], 4)));

    [Fact]
    public void A_header_that_is_not_json() =>
        Assert.Contains("not valid JSON", Malformed(File8("{\"a\": ")));

    [Fact]
    public void Duplicate_tensor_names() =>
        Assert.Contains("not valid JSON", Malformed(File8(
            "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}",
            [1, 2])));

    [Fact]
    public void An_entry_that_is_not_an_object() =>
        Assert.Contains("tensor 'a': its header entry is Number", Malformed(File8("{\"a\": 3}")));

    [Fact]
    public void A_missing_dtype() =>
        Assert.Contains("missing string field 'dtype'", Malformed(File8("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4])));

    [Fact]
    public void An_unknown_dtype() =>
        Assert.Contains("unknown dtype 'F128'", Malformed(File8("{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,16]}}", new byte[16])));

    [Fact]
    public void A_missing_or_bad_shape()
    {
        Assert.Contains("missing array field 'shape'", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4])));
        Assert.Contains("shape entry 0 (-1)", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4])));
        Assert.Contains("shape entry 1 (2.5)", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[1,2.5],\"data_offsets\":[0,4]}}", new byte[4])));
    }

    [Fact]
    public void A_shape_whose_size_overflows() =>
        Assert.Contains("too many elements", Malformed(File8(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", new byte[8])));

    [Fact]
    public void Missing_or_bad_offsets()
    {
        Assert.Contains("missing field 'data_offsets'", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4])));
        Assert.Contains("missing field 'data_offsets'", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4])));
        Assert.Contains("data offset -4", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", new byte[4])));
    }

    [Fact]
    public void Offsets_with_a_gap_are_not_contiguous() =>
        Assert.Contains("tensor 'b' has data_offsets [8, 12], but the data must be contiguous", Malformed(File8(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}",
            new byte[12])));

    [Fact]
    public void Overlapping_offsets_are_not_contiguous() =>
        Assert.Contains("must be contiguous", Malformed(File8(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            new byte[8])));

    [Fact]
    public void Offsets_that_disagree_with_shape_and_dtype() =>
        Assert.Contains("needs 12 bytes, but its data_offsets [0, 8] span 8", Malformed(File8(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8])));

    [Fact]
    public void Trailing_bytes_after_the_last_tensor() =>
        Assert.Contains("trailing bytes", Malformed(File8("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[6])));

    [Fact]
    public void A_truncated_data_section()
    {
        byte[] full = SafetensorsFile.Serialize([SafetensorsTensor.FromSingles("w", [4], [1f, 2f, 3f, 4f])]);
        Assert.Contains("truncated", Malformed(full[..^5]));
    }

    [Fact]
    public void Bad_metadata()
    {
        Assert.Contains("'__metadata__' must be an object", Malformed(File8("{\"__metadata__\":[1]}")));
        Assert.Contains("metadata value 'n' is Number", Malformed(File8("{\"__metadata__\":{\"n\":1}}")));
    }
}
