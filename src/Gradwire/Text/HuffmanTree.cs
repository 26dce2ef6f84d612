namespace Gradwire.Text;

/// <summary>
/// word2vec's Huffman tree over word counts for hierarchical softmax: word w's path is the inner nodes from the root
/// (<see cref="Points"/>, rows of the output matrix) and the branch taken at each (<see cref="Codes"/>, 0 or 1), so
/// <c>P(w | h) = Π σ((1 - 2·code) · h·v_point)</c> and frequent words get short paths.
/// </summary>
internal sealed class HuffmanTree
{
    /// <summary>Builds the tree for <paramref name="counts"/> (sorted most frequent first, as word2vec's vocabulary is).</summary>
    public HuffmanTree(ReadOnlySpan<long> counts)
    {
        int n = counts.Length;
        Codes = new byte[n][];
        Points = new int[n][];
        if (n == 1)
        {
            Codes[0] = [0];
            Points[0] = [0];
            return;
        }

        var count = new long[2 * n];
        var binary = new byte[2 * n];
        var parent = new int[2 * n];
        for (int i = 0; i < n; i++)
        {
            count[i] = counts[i];
        }

        for (int i = n; i < 2 * n; i++)
        {
            count[i] = long.MaxValue;
        }

        // Leaves are sorted descending, new inner nodes come out ascending: two cursors find the two smallest.
        int pos1 = n - 1;
        int pos2 = n;
        for (int a = 0; a < n - 1; a++)
        {
            int min1 = Smallest(count, ref pos1, ref pos2);
            int min2 = Smallest(count, ref pos1, ref pos2);
            count[n + a] = count[min1] + count[min2];
            parent[min1] = n + a;
            parent[min2] = n + a;
            binary[min2] = 1;
        }

        var code = new List<byte>();
        var point = new List<int>();
        int root = 2 * n - 2;
        for (int w = 0; w < n; w++)
        {
            code.Clear();
            point.Clear();
            for (int b = w; b != root; b = parent[b])
            {
                code.Add(binary[b]);
                point.Add(parent[b] - n);
            }

            code.Reverse();
            point.Reverse();
            Codes[w] = code.ToArray();
            Points[w] = point.ToArray();
        }
    }

    /// <summary>Per word: the branch (0/1) at each inner node of its path, root first.</summary>
    public byte[][] Codes { get; }

    /// <summary>Per word: the inner nodes of its path (0 … n-2), root first.</summary>
    public int[][] Points { get; }

    private static int Smallest(long[] count, ref int pos1, ref int pos2)
    {
        if (pos1 >= 0 && count[pos1] < count[pos2])
        {
            return pos1--;
        }

        return pos2++;
    }
}
