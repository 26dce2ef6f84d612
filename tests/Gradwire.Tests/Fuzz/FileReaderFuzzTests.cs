using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Gradwire.Data;
using Gradwire.IO;
using Gradwire.Tests.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Fuzz;

/// <summary>
/// Issue 12 §6: each file reader on mutated valid files (truncated, bytes flipped, huge counts, bytes appended)
/// raises only its documented error type (InvalidDataException), with a bounded message and bounded memory.
/// </summary>
public sealed class FileReaderFuzzTests : IDisposable
{
    private const long MemoryBudget = 96L << 20;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>One mutation of a byte file: kind, position, value (interpreted modulo the file length).</summary>
    private sealed record Mutation(int Kind, int Position, int Value, int Count);

    private static readonly Gen<Mutation[]> Mutations =
        (from kind in Gen.Choose(0, 4)
         from position in Gen.Choose(0, int.MaxValue)
         from value in Gen.Choose(0, int.MaxValue)
         from count in Gen.Choose(1, 8)
         select new Mutation(kind, position, value, count)).ArrayOf().Where(m => m.Length is > 0 and < 4);

    private static byte[] Apply(byte[] original, Mutation[] mutations)
    {
        var bytes = original;
        foreach (var m in mutations)
        {
            if (bytes.Length == 0) break;
            int at = m.Position % bytes.Length;
            switch (m.Kind)
            {
                case 0: // truncate
                    bytes = bytes[..at];
                    break;
                case 1: // flip bytes
                    bytes = (byte[])bytes.Clone();
                    for (int i = 0; i < m.Count && at + i < bytes.Length; i++) bytes[at + i] ^= (byte)(1 + m.Value % 255);
                    break;
                case 2: // a huge big-endian count in a header slot (IDX sizes) or anywhere
                    bytes = (byte[])bytes.Clone();
                    int slot = Math.Min(bytes.Length - 4, (m.Position % 4) * 4 + 4);
                    if (slot >= 0) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(slot), m.Value);
                    break;
                case 3: // a huge little-endian u64 (safetensors header length) at the start
                    bytes = (byte[])bytes.Clone();
                    if (bytes.Length >= 8) BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)m.Value * (ulong)(m.Count * 1_000_003L));
                    break;
                default: // append
                    bytes = [.. bytes, .. new byte[m.Count * 3].Select((_, i) => (byte)(m.Value >> (i % 24)))];
                    break;
            }
        }

        return bytes;
    }

    private void Check(string name, byte[] original, Action<string> read)
    {
        FuzzBudget.Run(Mutations, 400, 20261203UL, mutations =>
        {
            string path = _dir.File(name);
            File.WriteAllBytes(path, Apply(original, mutations));
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = FuzzBudget.OnlyDocumentedErrors(() => read(path), $"{name} mutated by {string.Join(", ", mutations.Select(m => m.ToString()))}",
                typeof(InvalidDataException));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, MemoryBudget);
            if (error is not null)
            {
                Assert.Contains(path, error.Message);
                Assert.True(error.Message.Length < 3000, error.Message);
            }
        });
    }

    [Fact]
    public void Mutated_raw_idx_files_raise_only_invalid_data() =>
        Check("images", IdxTestFiles.Images(20, 6, 5), path => IdxFile.ReadImages(path));

    [Fact]
    public void Mutated_gzip_idx_files_raise_only_invalid_data() =>
        Check("images.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(20, 6, 5)), path => IdxFile.ReadImages(path));

    [Fact]
    public void Mutated_label_files_raise_only_invalid_data() =>
        Check("labels.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)), path => IdxFile.ReadLabels(path));

    [Fact]
    public void Mutated_safetensors_files_raise_only_invalid_data() =>
        Check("ck.safetensors",
            SafetensorsFile.Serialize(
                [SafetensorsTensor.FromSingles("w", [3, 2], [1, 2, 3, 4, 5, 6]), SafetensorsTensor.FromDoubles("b", [2], [0.5, -1])],
                new Dictionary<string, string> { ["epoch"] = "3" }),
            path => SafetensorsFile.Read(path));

    [Fact]
    public void Mutated_csv_files_raise_only_invalid_data_with_safe_messages()
    {
        const string valid = "x,y,label\n1.5,2,cat\n-3e-1,\"4\",dog\n7,0.25,\"bird, small\"\n8,1,cat\n";
        var alphabet = ",\"\n\r 0123456789.e-abc\u001b\0\u00e9".ToCharArray();
        var edits =
            (from position in Gen.Choose(0, valid.Length)
             from length in Gen.Choose(0, 5)
             from insert in Gen.Elements(alphabet).ArrayOf().Where(a => a.Length < 6)
             select (position, length, new string(insert))).ArrayOf().Where(a => a.Length is > 0 and < 5);
        FuzzBudget.Run(edits, 600, 20261204UL, list =>
        {
            string text = valid;
            foreach (var (position, length, insert) in list)
            {
                int at = Math.Min(position, text.Length);
                text = text[..at] + insert + text[Math.Min(text.Length, at + length)..];
            }

            string path = _dir.File("data.csv");
            File.WriteAllText(path, text);
            foreach (var options in new[] { new CsvOptions(), new CsvOptions { TargetColumn = "label" } })
            {
                var error = FuzzBudget.OnlyDocumentedErrors(() => CsvDataset.Load(path, options), text, typeof(InvalidDataException));
                if (error is not null)
                {
                    Assert.Contains(path, error.Message);
                    Assert.DoesNotContain('\u001b', error.Message);
                    Assert.DoesNotContain('\0', error.Message);
                }
            }
        });
    }

    [Fact]
    public void A_csv_line_of_megabytes_is_not_echoed_back()
    {
        string path = _dir.File("huge.csv");
        File.WriteAllText(path, "x,label\n" + new string('9', 3_000_000) + "z,cat\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.True(e.Message.Length < 1000, $"{e.Message.Length} characters");
        Assert.Contains("more characters", e.Message);
    }

    [Fact]
    public void Terminal_escapes_in_csv_data_are_escaped_in_messages()
    {
        string path = _dir.File("esc.csv");
        File.WriteAllText(path, "x,label\n\u001b[2J\u001b[31m,cat\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.Contains("\\e[2J", e.Message);
    }

    [Fact]
    public void A_csv_path_that_is_a_directory_is_named_as_such()
    {
        var e = Assert.Throws<GradwireException>(() => CsvDataset.Load(_dir.Path));
        Assert.Contains("is a directory", e.Message);
    }
}
