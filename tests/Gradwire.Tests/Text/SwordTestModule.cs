using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Gradwire.Tests.Text;

/// <summary>Writes small zText testaments (ot.bzs/.bzz/.bzv) for the reader's tests.</summary>
public static class SwordTestModule
{
    /// <summary>
    /// Writes a testament whose entries are <paramref name="entries"/> (null: empty entry), two entries per block.
    /// </summary>
    public static void Write(string directory, string prefix, IReadOnlyList<string?> entries)
    {
        var bzs = new MemoryStream();
        var bzz = new MemoryStream();
        var bzv = new MemoryStream();
        var span = new byte[12];
        for (int first = 0, block = 0; first < entries.Count; first += 2, block++)
        {
            var raw = new MemoryStream();
            var positions = new List<(int Start, int Size)>();
            for (int i = first; i < Math.Min(first + 2, entries.Count); i++)
            {
                var bytes = entries[i] is null ? [] : Encoding.UTF8.GetBytes(entries[i]!);
                positions.Add(((int)raw.Length, bytes.Length));
                raw.Write(bytes);
            }

            var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw.ToArray());
            }

            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)bzz.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span.AsSpan(4), (uint)compressed.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(span.AsSpan(8), (uint)raw.Length);
            bzs.Write(span);
            bzz.Write(compressed.ToArray());
            foreach (var (start, size) in positions)
            {
                var entry = new byte[10];
                BinaryPrimitives.WriteUInt32LittleEndian(entry, (uint)block);
                BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), (uint)start);
                BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(8), (ushort)size);
                bzv.Write(entry);
            }
        }

        File.WriteAllBytes(Path.Combine(directory, prefix + ".bzs"), bzs.ToArray());
        File.WriteAllBytes(Path.Combine(directory, prefix + ".bzz"), bzz.ToArray());
        File.WriteAllBytes(Path.Combine(directory, prefix + ".bzv"), bzv.ToArray());
    }

    /// <summary>A two-book testament: Gen 1 (2 verses), Gen 2 (1 verse), Exod 1 (2 verses, the second empty).</summary>
    public static string?[] TwoBooks() =>
    [
        null,
        "<milestone type=\"x-importer\"/>",
        "<div osisID=\"Gen\" sID=\"g1\" type=\"book\"/><title type=\"main\">Genesis</title>",
        "<chapter n=\"1\" osisID=\"Gen.1\" sID=\"Gen.1\"/> ",
        "In the <w lemma=\"strong:H7225\">beginning</w> God created.<note placement=\"foot\">Heb. a note</note>",
        "\u00B6 And <transChange type=\"added\">it was</transChange> so;<div eID=\"x\"/>and good &amp; fine.",
        "<chapter n=\"2\" osisID=\"Gen.2\" sID=\"Gen.2\"/>",
        "Thus the heavens<note n=\"a\">x</note>were finished.<chapter eID=\"Gen.2\"/>",
        "<div osisID=\"Exod\" sID=\"e1\" type=\"book\"/>",
        "<div sID=\"p\" type=\"x-p\"/><chapter osisID=\"Exod.1\" sID=\"Exod.1\"/>",
        "Now these are the names.",
        null,
    ];
}
