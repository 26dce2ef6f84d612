using System.Globalization;

namespace Gradwire.Metrics;

/// <summary>A chrF score (0–100) with its settings, as sacreBLEU's <c>CHRFScore</c>.</summary>
public sealed class ChrfScore
{
    internal ChrfScore(double score, int charOrder, int wordOrder, double beta, string signature)
    {
        Score = score;
        CharOrder = charOrder;
        WordOrder = wordOrder;
        Beta = beta;
        Signature = signature;
    }

    /// <summary>chrF on the 0–100 scale.</summary>
    public double Score { get; }

    /// <summary>The largest character n-gram order.</summary>
    public int CharOrder { get; }

    /// <summary>The largest word n-gram order (0 for chrF, 2 for chrF++).</summary>
    public int WordOrder { get; }

    /// <summary>The recall weight β.</summary>
    public double Beta { get; }

    /// <summary>The metric's name as sacreBLEU prints it: <c>chrF2</c>, or <c>chrF2++</c> with word order 2.</summary>
    public string Name => "chrF" + ((int)Beta).ToString(CultureInfo.InvariantCulture) + new string('+', WordOrder);

    /// <summary>The signature, e.g. <c>nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.2</c>.</summary>
    public string Signature { get; }

    /// <summary>sacreBLEU's text line, <c>chrF2|SIGNATURE = 52.0</c>, with <paramref name="width"/> decimals.</summary>
    public string Format(int width = 1) =>
        $"{Name}|{Signature} = {Score.ToString("F" + width, CultureInfo.InvariantCulture)}";

    /// <inheritdoc/>
    public override string ToString() => Format(2);
}
