using System.Globalization;
using System.Text;

namespace Gradwire.Metrics;

/// <summary>
/// A BLEU score with its sufficient statistics, as sacreBLEU's <c>BLEUScore</c>:
/// score = BP · exp(Σₙ log pₙ / N), pₙ = 100 · correctₙ / totalₙ (smoothed), BP = min(1, exp(1 − ref_len / sys_len)).
/// </summary>
public sealed class BleuScore
{
    internal BleuScore(double score, long[] counts, long[] totals, double[] precisions, double brevityPenalty,
        long sysLen, long refLen, string signature)
    {
        Score = score;
        Counts = counts;
        Totals = totals;
        Precisions = precisions;
        BrevityPenalty = brevityPenalty;
        SysLen = sysLen;
        RefLen = refLen;
        Signature = signature;
    }

    /// <summary>BLEU on the 0–100 scale.</summary>
    public double Score { get; }

    /// <summary>Matched n-grams per order (clipped by the references' maximum counts), orders 1..N.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>Hypothesis n-grams per order, orders 1..N.</summary>
    public IReadOnlyList<long> Totals { get; }

    /// <summary>The n-gram precisions in percent, after smoothing.</summary>
    public IReadOnlyList<double> Precisions { get; }

    /// <summary>The brevity penalty, exp(1 − ref_len / sys_len) when sys_len &lt; ref_len, else 1.</summary>
    public double BrevityPenalty { get; }

    /// <summary>Hypothesis tokens in the corpus (sacreBLEU's <c>sys_len</c>, printed as <c>hyp_len</c>).</summary>
    public long SysLen { get; }

    /// <summary>Sum over segments of the reference length closest to the hypothesis's (ties to the shorter).</summary>
    public long RefLen { get; }

    /// <summary>sys_len / ref_len (0 when ref_len is 0).</summary>
    public double Ratio => RefLen == 0 ? 0 : (double)SysLen / RefLen;

    /// <summary>The reproducibility signature, e.g. <c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.2</c>.</summary>
    public string Signature { get; }

    /// <summary>
    /// The precisions and lengths as sacreBLEU prints them after the score:
    /// <c>82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)</c>.
    /// </summary>
    public string Verbose
    {
        get
        {
            var sb = new StringBuilder();
            for (int i = 0; i < Precisions.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append('/');
                }

                sb.Append(Precisions[i].ToString("F1", CultureInfo.InvariantCulture));
            }

            sb.Append(CultureInfo.InvariantCulture,
                $" (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {SysLen} ref_len = {RefLen})");
            return sb.ToString();
        }
    }

    /// <summary>
    /// sacreBLEU's text line, <c>BLEU|SIGNATURE = 48.5 82.4/50.0/45.5/37.5 (BP = …)</c>, the score with
    /// <paramref name="width"/> decimals (sacreBLEU's command line defaults to 1).
    /// </summary>
    public string Format(int width = 1) =>
        string.Create(CultureInfo.InvariantCulture, $"BLEU|{Signature} = {Score.ToString("F" + width, CultureInfo.InvariantCulture)} {Verbose}");

    /// <inheritdoc/>
    public override string ToString() => Format(2);
}
