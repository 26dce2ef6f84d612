namespace Gradwire.Text;

/// <summary>
/// word2vec's precomputed logistic function: 1,000 entries of <c>σ(x) = eˣ/(eˣ+1)</c> over <c>[-6, 6)</c>; outside
/// that range the trainers treat σ as 0 or 1.
/// </summary>
internal static class SigmoidTable
{
    /// <summary>Table entries.</summary>
    public const int Size = 1000;

    /// <summary>The table covers <c>[-MaxExp, MaxExp)</c>.</summary>
    public const float MaxExp = 6f;

    private static readonly float[] Table = Build();

    /// <summary>σ(x) for <c>-6 &lt; x &lt; 6</c>, from the table (entry <c>⌊(x + 6)·1000/12⌋</c>).</summary>
    /// <remarks>x + 6 rounds to 12 in float for x within half an ulp of 6: the index is clamped to the last entry.</remarks>
    public static float Sigmoid(float x) => Table[Math.Min((int)((x + MaxExp) * (Size / MaxExp / 2)), Size - 1)];

    private static float[] Build()
    {
        var table = new float[Size];
        for (int i = 0; i < Size; i++)
        {
            // Entry i holds σ at the left edge of its cell, as word2vec.c computes it.
            double e = Math.Exp(((double)i / Size * 2 - 1) * MaxExp);
            table[i] = (float)(e / (e + 1));
        }

        return table;
    }
}
