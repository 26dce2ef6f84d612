namespace Gradwire.Data.Synthetic;

/// <summary>
/// The two 6-point datasets of chapter 2 of Karpathy's <i>Hacker's guide to Neural Networks</i> ("Binary
/// Classification"). They differ: the prose shows one table, the SVM code trains on another.
/// </summary>
/// <remarks>
/// Labels +1/−1 become classes 1 and 0 (class names "-1" and "+1"); for the guide's ±1 targets use
/// <c>ToRegression([-1f, 1f])</c>. The rows keep the guide's order.
/// </remarks>
public static class GuideData
{
    /// <summary>
    /// The table in the chapter's prose: [1.2, 0.7] → +1, [-0.3, 0.5] → −1, [-3, -1] → +1, [0.1, 1.0] → −1,
    /// [3.0, 1.1] → −1, [2.1, -3] → +1.
    /// </summary>
    public static Dataset ProseTable() => Create("guide-table", ProseTablePoints);

    /// <summary>
    /// The set the chapter's SVM code trains on: <c>data = [[1.2, 0.7], [-0.3, -0.5], [3.0, 0.1], [-0.1, -1.0],
    /// [-1.0, 1.1], [2.1, -3]]</c>, <c>labels = [1, -1, 1, -1, -1, 1]</c>.
    /// </summary>
    public static Dataset SvmCode() => Create("guide-svm", SvmCodePoints);

    /// <summary>
    /// The points of <see cref="ProseTable"/> in double precision, in the guide's order (a dataset stores
    /// float32 features, and 1.2f is not 1.2: code that replays the guide's arithmetic reads these).
    /// </summary>
    public static IReadOnlyList<GuidePoint> ProseTablePoints { get; } =
    [
        new(1.2, 0.7, 1), new(-0.3, 0.5, -1), new(-3, -1, 1), new(0.1, 1.0, -1), new(3.0, 1.1, -1), new(2.1, -3, 1),
    ];

    /// <summary>The points of <see cref="SvmCode"/> in double precision, in the guide's order.</summary>
    public static IReadOnlyList<GuidePoint> SvmCodePoints { get; } =
    [
        new(1.2, 0.7, 1), new(-0.3, -0.5, -1), new(3.0, 0.1, 1), new(-0.1, -1.0, -1), new(-1.0, 1.1, -1), new(2.1, -3, 1),
    ];

    /// <summary>The guide's ±1 label of each sample of a dataset made here (class 1 → +1, class 0 → −1).</summary>
    public static int SignedLabel(Dataset dataset, int index) => dataset.GetLabel(index) == 1 ? 1 : -1;

    private static Dataset Create(string name, IReadOnlyList<GuidePoint> points)
    {
        var features = new float[2 * points.Count];
        var labels = new int[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            features[2 * i] = (float)points[i].X;
            features[2 * i + 1] = (float)points[i].Y;
            labels[i] = points[i].Label > 0 ? 1 : 0;
        }

        return Dataset.Classification(name, features, [2], labels, 2, ["-1", "+1"]);
    }
}
