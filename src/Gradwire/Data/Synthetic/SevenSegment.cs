namespace Gradwire.Data.Synthetic;

/// <summary>
/// The ten decimal digits as seven-segment display inputs (nn6's <c>mlp7seg</c>): 7 features, the segments
/// a–g (a top, b upper right, c lower right, d bottom, e lower left, f upper left, g middle), 1 when lit.
/// </summary>
/// <remarks>
/// The common pattern: 0 = abcdef, 1 = bc, 2 = abdeg, 3 = abcdg, 4 = bcfg, 5 = acdfg, 6 = acdefg (with a top),
/// 7 = abc, 8 = abcdefg, 9 = abcdfg (with a bottom).
/// </remarks>
public static class SevenSegment
{
    /// <summary>Segments a–g of the digits 0–9, one row per digit.</summary>
    private static readonly float[] Segments =
    [
        1, 1, 1, 1, 1, 1, 0, // 0
        0, 1, 1, 0, 0, 0, 0, // 1
        1, 1, 0, 1, 1, 0, 1, // 2
        1, 1, 1, 1, 0, 0, 1, // 3
        0, 1, 1, 0, 0, 1, 1, // 4
        1, 0, 1, 1, 0, 1, 1, // 5
        1, 0, 1, 1, 1, 1, 1, // 6
        1, 1, 1, 0, 0, 0, 0, // 7
        1, 1, 1, 1, 1, 1, 1, // 8
        1, 1, 1, 1, 0, 1, 1, // 9
    ];

    /// <summary>The segment names, in feature order.</summary>
    public static IReadOnlyList<string> SegmentNames { get; } = ["a", "b", "c", "d", "e", "f", "g"];

    /// <summary>10 samples of shape <c>[7]</c>; the label is the digit (10 classes "0" … "9").</summary>
    public static Dataset Digits() => Dataset.Classification(
        "7seg", (float[])Segments.Clone(), [7], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 10,
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);

    /// <summary>
    /// 10 samples of shape <c>[7]</c>; the target is the digit's 4-bit binary code, most significant bit first
    /// (target shape <c>[4]</c>, values 0 or 1: 5 → [0, 1, 0, 1]), for a sigmoid/MSE output layer.
    /// </summary>
    public static Dataset BinaryCode()
    {
        var targets = new float[40];
        for (int digit = 0; digit < 10; digit++)
        {
            for (int bit = 0; bit < 4; bit++) targets[4 * digit + bit] = (digit >> (3 - bit)) & 1;
        }

        return Dataset.Regression("7seg-binary", (float[])Segments.Clone(), [7], targets, [4]);
    }
}
